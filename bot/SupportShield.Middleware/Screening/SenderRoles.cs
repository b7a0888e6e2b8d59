namespace SupportShield.Middleware.Screening;

/// <summary>Who sends an outgoing message.</summary>
public static class SenderRoles
{
    public const string Bot = "bot";
    public const string Agent = "agent";
}
