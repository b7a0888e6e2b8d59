namespace SupportShield.Middleware.Verification;

/// <summary>A conversation's verification state as the screening sees it.</summary>
/// <param name="State">The state.</param>
/// <param name="AccountId">The account the customer verified for (or is verifying for), or null.</param>
/// <param name="Until">When a verification or a lock ends, or null.</param>
/// <param name="Level">How a verified customer verified, as a step-up level name of the rules file (email_code, sms_code,
/// channel_identity), or null.</param>
public sealed record VerificationStatus(VerificationState State, string? AccountId, DateTimeOffset? Until, string? Level = null)
{
    public static VerificationStatus NotStarted { get; } = new(VerificationState.None, null, null);

    /// <summary>True when the customer is verified for <paramref name="accountId"/>.</summary>
    public bool IsVerifiedFor(string? accountId) =>
        State == VerificationState.Verified && accountId is not null && string.Equals(AccountId, accountId, StringComparison.Ordinal);
}
