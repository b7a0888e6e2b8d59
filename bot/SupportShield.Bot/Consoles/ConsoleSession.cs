namespace SupportShield.Bot.Consoles;

/// <summary>
/// The names shared by the browser consoles (<c>/agent</c>, <c>/ops</c>) and the APIs they call: after signing in with a key,
/// a console holds an encrypted, HttpOnly, SameSite=Strict cookie instead of the key, and marks every call that changes
/// something with <see cref="RequestHeader"/> (a header a cross-site form cannot send).
/// </summary>
public static class ConsoleSession
{
    /// <summary>The authentication scheme of the console cookie.</summary>
    public const string Scheme = "SupportShield.Console";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "supportshield-console";

    /// <summary>The header every cookie-authenticated call that changes state must carry (with any value).</summary>
    public const string RequestHeader = "X-SupportShield-Console";

    /// <summary>The claim holding the signed-in role (agent, supervisor or ops).</summary>
    public const string RoleClaim = "supportshield:role";

    /// <summary>The claim holding a fingerprint of the key used to sign in, so that removing the key ends its sessions.</summary>
    public const string KeyClaim = "supportshield:key";

    /// <summary>How long a session lasts without use.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);
}
