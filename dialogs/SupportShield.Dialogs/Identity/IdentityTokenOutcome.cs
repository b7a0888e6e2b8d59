namespace SupportShield.Dialogs.Identity;

/// <summary>What a look at an activity's identity token found.</summary>
public enum IdentityTokenOutcome
{
    /// <summary>The activity carries no token.</summary>
    None,

    /// <summary>Signed with the key, from the issuer (and audience), within its lifetime, with a subject and an id.</summary>
    Valid,

    /// <summary>Past its expiry (or not yet valid).</summary>
    Expired,

    /// <summary>From another issuer.</summary>
    WrongIssuer,

    /// <summary>For another audience.</summary>
    WrongAudience,

    /// <summary>The signature does not match the key (or the token is not signed with HS256).</summary>
    BadSignature,

    /// <summary>Malformed, too long, too long-lived, or without <c>sub</c>, <c>jti</c> or <c>exp</c>.</summary>
    Invalid,
}
