namespace SupportShield.Dialogs.Identity;

/// <summary>The result of checking an activity's identity token.</summary>
/// <param name="Outcome">Valid, or why not.</param>
/// <param name="AccountId">The subject (<c>sub</c>) of a valid token.</param>
/// <param name="TokenId">The token id (<c>jti</c>) of a valid token.</param>
/// <param name="ExpiresAt">When a valid token expires.</param>
public sealed record IdentityTokenCheck(IdentityTokenOutcome Outcome, string? AccountId = null, string? TokenId = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>No token in the activity.</summary>
    public static IdentityTokenCheck NoToken { get; } = new(IdentityTokenOutcome.None);

    /// <summary>The rule id written to the audit log for this outcome.</summary>
    public string RuleId => Outcome switch
    {
        IdentityTokenOutcome.Valid => "identity.valid",
        IdentityTokenOutcome.Expired => "identity.expired",
        IdentityTokenOutcome.WrongIssuer => "identity.wrong-issuer",
        IdentityTokenOutcome.WrongAudience => "identity.wrong-audience",
        IdentityTokenOutcome.BadSignature => "identity.bad-signature",
        IdentityTokenOutcome.Invalid => "identity.invalid",
        _ => "identity.none",
    };
}
