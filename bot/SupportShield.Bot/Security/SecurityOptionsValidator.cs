using System.Globalization;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.Security;

/// <summary>Refuses a configured hash key that is not base64 or too short, at start-up. Never echoes the key.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.HashKey))
        {
            return ValidateOptionsResult.Success;
        }

        if (!TryDecode(options.HashKey, out var key))
        {
            return ValidateOptionsResult.Fail("SupportShield:Security:HashKey is not valid base64. Give base64 of at least 32 random bytes, or remove the setting to have a key generated and stored in the database.");
        }

        if (key.Length < SecurityOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"SupportShield:Security:HashKey decodes to {key.Length} bytes; at least {SecurityOptions.MinimumKeyBytes} are required."));
        }

        return ValidateOptionsResult.Success;
    }

    internal static bool TryDecode(string base64, out byte[] key)
    {
        var buffer = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64.Trim(), buffer, out var written))
        {
            key = buffer[..written];
            return true;
        }

        key = [];
        return false;
    }
}
