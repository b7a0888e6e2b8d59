namespace SupportShield.Middleware.AccountProtection;

/// <summary>Why chat disclosures of an account are locked.</summary>
public enum DisclosureLockReason
{
    /// <summary>The verified customer asked, in the chat, that their data never be disclosed over chat.</summary>
    CustomerRequest,

    /// <summary>The owner answered a notice with "this wasn't me".</summary>
    OwnerReport,
}
