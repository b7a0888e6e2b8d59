namespace SupportShield.Dialogs.Verification;

/// <summary>A code just issued. <see cref="Code"/> exists only in memory on its way to the contact on file.</summary>
/// <param name="Code">The plain code, or null when verification is locked.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="LockedUntil">Set when no code was issued because verification is locked.</param>
public sealed record IssuedCode(string? Code, DateTimeOffset ExpiresAt, DateTimeOffset? LockedUntil)
{
    public bool IsLocked => Code is null;
}
