namespace SupportShield.Dialogs.Verification;

/// <summary>The result of checking a code the customer typed.</summary>
public enum CodeCheckOutcome
{
    /// <summary>Right code: the conversation is verified.</summary>
    Verified,

    /// <summary>Wrong code; more tries remain.</summary>
    Wrong,

    /// <summary>Wrong code, and that was the last try: verification is locked for a while.</summary>
    LockedNow,

    /// <summary>Verification was already locked: the code was not even compared.</summary>
    Locked,

    /// <summary>The code expired; a new one is needed.</summary>
    Expired,

    /// <summary>No code is awaited in this conversation (none sent, or the code was already used).</summary>
    NotPending,

    /// <summary>Wrong code that reached the consecutive-failure limit: locked until ops unlock the account.</summary>
    OpsLockedNow,
}
