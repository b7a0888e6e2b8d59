using Microsoft.AspNetCore.Authentication;
using SupportShield.Bot.Access;
using SupportShield.Bot.Consoles;

namespace SupportShield.Bot.OpsConsole;

/// <summary>Who made an ops call, as the audit log keeps it: <c>ops-key-</c> and the start of the key's fingerprint, never the key.</summary>
public static class OpsActor
{
    /// <summary>The actor of <paramref name="http"/> (a bearer key, or the key the console session was signed in with).</summary>
    public static async Task<string> OfAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        const string scheme = "Bearer ";
        var header = http.Request.Headers.Authorization.ToString();
        string? fingerprint = null;
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            fingerprint = ApiKeyRing.Fingerprint(header[scheme.Length..].Trim());
        }
        else
        {
            var session = await http.AuthenticateAsync(ConsoleSession.Scheme).ConfigureAwait(false);
            fingerprint = session.Succeeded ? session.Principal.FindFirst(ConsoleSession.KeyClaim)?.Value : null;
        }

        return fingerprint is null ? "ops" : "ops-key-" + fingerprint[..Math.Min(12, fingerprint.Length)].ToLowerInvariant();
    }
}
