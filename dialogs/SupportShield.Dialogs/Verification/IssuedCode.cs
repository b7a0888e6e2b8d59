namespace SupportShield.Dialogs.Verification;

/// <summary>A code just issued, or why none was. <see cref="Code"/> exists only in memory on its way to the contact on file.</summary>
/// <param name="Outcome">Issued, or why not.</param>
/// <param name="Code">The plain code (empty when no account matched), or null when none was issued.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="LockedUntil">When a temporary lock ends, or when a rate-limited account may get a code again; null for an ops lock.</param>
public sealed record IssuedCode(IssueOutcome Outcome, string? Code, DateTimeOffset ExpiresAt, DateTimeOffset? LockedUntil)
{
    /// <summary>True when verification is locked (for a while or until ops unlock it).</summary>
    public bool IsLocked => Outcome is IssueOutcome.Locked or IssueOutcome.OpsLocked;
}
