using System.Security.Claims;
using SupportShield.Bot.Access;

namespace SupportShield.Bot.Consoles;

/// <summary>Builds and reads the claims of a console session.</summary>
public static class ConsoleIdentity
{
    /// <summary>The principal of a session signed in with a key of <paramref name="role"/> whose fingerprint is <paramref name="keyFingerprint"/>.</summary>
    public static ClaimsPrincipal Create(ApiRole role, string keyFingerprint) =>
        new(new ClaimsIdentity(
            [new Claim(ConsoleSession.RoleClaim, Name(role)), new Claim(ConsoleSession.KeyClaim, keyFingerprint)],
            ConsoleSession.Scheme));

    /// <summary>
    /// The role of a session, or null when it has none or its key is no longer configured for that role (a removed or
    /// moved key ends every session signed in with it).
    /// </summary>
    public static ApiRole? RoleOf(ClaimsPrincipal principal, ApiKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(ring);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var roleName = principal.FindFirst(ConsoleSession.RoleClaim)?.Value;
        var fingerprint = principal.FindFirst(ConsoleSession.KeyClaim)?.Value;
        if (roleName is null || fingerprint is null || !Enum.TryParse<ApiRole>(roleName, ignoreCase: true, out var role))
        {
            return null;
        }

        return ring.HasKeyWithFingerprint(role, fingerprint) ? role : null;
    }

    /// <summary>The lower-case name of a role, as the consoles show it.</summary>
    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();
}
