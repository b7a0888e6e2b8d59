namespace SupportShield.Middleware.HeldMessages;

/// <summary>A supervisor's approval to release one held message to a customer who has not verified.</summary>
/// <param name="RequestId">The override request approved.</param>
/// <param name="SupervisorId">Who approved it.</param>
public sealed record OverrideApproval(string RequestId, string SupervisorId)
{
    /// <summary>The audit action of a message released by an override.</summary>
    public const string ReleasedAction = "released.override";
}
