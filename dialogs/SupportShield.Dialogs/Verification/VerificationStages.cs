namespace SupportShield.Dialogs.Verification;

/// <summary>Stage names stored in <see cref="ConversationVerificationRecord.Stage"/>.</summary>
public static class VerificationStages
{
    public const string None = "None";
    public const string AwaitingContact = "AwaitingContact";
    public const string CodeSent = "CodeSent";
    public const string Verified = "Verified";
    public const string Locked = "Locked";
}
