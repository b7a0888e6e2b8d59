namespace SupportShield.Dialogs.Verification;

/// <summary>Whether a code was issued, and if not, why.</summary>
public enum IssueOutcome
{
    /// <summary>A new code was issued (it replaces any earlier one of the conversation).</summary>
    Issued,

    /// <summary>Verification is locked for a while after too many wrong codes.</summary>
    Locked,

    /// <summary>Too many consecutive failures: locked until ops unlock the account.</summary>
    OpsLocked,

    /// <summary>Too many codes were sent for the account within the rate window.</summary>
    RateLimited,
}
