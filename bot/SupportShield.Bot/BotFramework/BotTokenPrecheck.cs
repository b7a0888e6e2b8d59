using System.Text;
using System.Text.Json;

namespace SupportShield.Bot.BotFramework;

/// <summary>
/// A cheap look at a bearer token before Bot Framework validates it: a token that is not a JWT signed with one of the
/// algorithms Bot Framework accepts (RS256, RS384, RS512) is refused without fetching signing keys.
/// </summary>
internal static class BotTokenPrecheck
{
    private static readonly string[] Algorithms = ["RS256", "RS384", "RS512"];

    /// <summary>Why <paramref name="authorization"/> can never be a valid token, or null when it might be (or is absent: the adapter refuses that).</summary>
    public static string? Problem(string authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return null;
        }

        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "The Authorization header must be 'Bearer TOKEN' with a Bot Framework token.";
        }

        var parts = authorization[scheme.Length..].Trim().Split('.');
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return "The Authorization header does not hold a signed JWT.";
        }

        try
        {
            var header = parts[0].Replace('-', '+').Replace('_', '/');
            header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var alg = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("alg", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
            return alg is not null && Algorithms.Contains(alg, StringComparer.Ordinal)
                ? null
                : "The token is not signed with an algorithm Bot Framework accepts.";
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return "The Authorization header does not hold a well-formed JWT.";
        }
    }
}
