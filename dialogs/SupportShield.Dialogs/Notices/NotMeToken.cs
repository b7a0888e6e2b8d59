using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportShield.Middleware.Security;

namespace SupportShield.Dialogs.Notices;

/// <summary>
/// The signed token in a notice's "this wasn't me" link: the account id and an expiry, signed with the keyed hasher, so
/// that only a link we sent can lock an account.
/// </summary>
public sealed class NotMeToken
{
    private const string Purpose = "not-me-link";
    private readonly KeyedHasher _hasher;

    public NotMeToken(KeyedHasher hasher)
    {
        _hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
    }

    /// <summary>A token for <paramref name="accountId"/> valid until <paramref name="expires"/>.</summary>
    public string Create(string accountId, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var payload = Base64Url(Encoding.UTF8.GetBytes($"{accountId}\n{expires.UtcTicks.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}"));
        return payload + "." + Base64Url(_hasher.Hash(Purpose, payload));
    }

    /// <summary>The account id of a valid, unexpired token, or null.</summary>
    public string? Validate(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var payload = token[..dot];
        byte[] signature;
        string[] parts;
        try
        {
            signature = FromBase64Url(token[(dot + 1)..]);
            parts = Encoding.UTF8.GetString(FromBase64Url(payload)).Split('\n');
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(_hasher.Hash(Purpose, payload), signature)
            || parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || new DateTimeOffset(ticks, TimeSpan.Zero) < now)
        {
            return null;
        }

        return parts[0];
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
