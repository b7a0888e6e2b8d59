namespace SupportShield.Dialogs.Verification;

/// <summary>Outcome of a code check, with the tries left or the end of a lock.</summary>
public sealed record CodeCheckResult(CodeCheckOutcome Outcome, int RemainingTries = 0, DateTimeOffset? LockedUntil = null, string? AccountId = null);
