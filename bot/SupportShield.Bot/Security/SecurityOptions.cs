namespace SupportShield.Bot.Security;

/// <summary>Secrets for keyed hashing. Bound from <c>SupportShield:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Security";

    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The HMAC key for audit value hashes and one-time code hashes (<c>SupportShield:Security:HashKey</c>), base64 of at
    /// least 32 bytes. Default: none, in which case 32 random bytes are generated once and kept in the SQLite file's
    /// <c>secrets</c> table, so hashes stay comparable across restarts. Changing the key makes earlier hashes unmatchable.
    /// </summary>
    public string? HashKey { get; set; }
}
