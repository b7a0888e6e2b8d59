namespace SupportShield.Dialogs.Identity;

/// <summary>
/// The host page's signed identity token, bound from <c>SupportShield:Identity</c>. Off unless <see cref="SigningKey"/> is set.
/// </summary>
public sealed class ChannelIdentityOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SupportShield:Identity";

    /// <summary>The HS256 key shared with the host page, base64, at least 32 bytes (<c>:SigningKey</c>). Default none: tokens are ignored.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The issuer (<c>iss</c>) tokens must carry (<c>:Issuer</c>). Required with a key.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience (<c>aud</c>) tokens must carry (<c>:Audience</c>). Default none: not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>The <c>channelData</c> property that holds the token (<c>:ChannelDataProperty</c>). Default <c>supportShieldIdentity</c>.</summary>
    public string ChannelDataProperty { get; set; } = "supportShieldIdentity";

    /// <summary>The longest a token may still be valid when presented (<c>:MaxTokenLifetime</c>). Default 15 minutes.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Clock difference tolerated on <c>exp</c> and <c>nbf</c> (<c>:ClockSkew</c>). Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a signing key is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The decoded key. Throws <see cref="InvalidOperationException"/> when it is not base64 of at least 32 bytes.</summary>
    public byte[] DecodeKey()
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(SigningKey ?? string.Empty);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException("SupportShield:Identity:SigningKey must be base64.", exception);
        }

        return key.Length >= 32
            ? key
            : throw new InvalidOperationException("SupportShield:Identity:SigningKey must hold at least 32 bytes (base64 of 32 random bytes or more).");
    }

    /// <summary>Throws when a value is missing or out of range; called at start-up.</summary>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        _ = DecodeKey();
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            throw new InvalidOperationException("SupportShield:Identity:Issuer is required when SupportShield:Identity:SigningKey is set.");
        }

        if (string.IsNullOrWhiteSpace(ChannelDataProperty))
        {
            throw new InvalidOperationException("SupportShield:Identity:ChannelDataProperty must name a property.");
        }

        if (MaxTokenLifetime <= TimeSpan.Zero || MaxTokenLifetime > TimeSpan.FromHours(24))
        {
            throw new InvalidOperationException("SupportShield:Identity:MaxTokenLifetime must be positive and at most 24 hours.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException("SupportShield:Identity:ClockSkew must be between 0 and 5 minutes.");
        }
    }
}
