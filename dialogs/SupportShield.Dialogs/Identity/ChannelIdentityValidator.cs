using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;

namespace SupportShield.Dialogs.Identity;

/// <summary>
/// Checks the signed identity token that the host web page puts in an activity's <c>channelData</c> (an HS256 JWT whose
/// <c>sub</c> is the account id): signature, algorithm, issuer, optional audience, and lifetime on the injected clock.
/// Never throws for a bad token: the result says what was wrong.
/// </summary>
public sealed class ChannelIdentityValidator
{
    /// <summary>Longer tokens are refused unread.</summary>
    public const int MaxTokenLength = 8192;

    private readonly ChannelIdentityOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    public ChannelIdentityValidator(ChannelIdentityOptions options, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        options.Validate();
        if (!options.Enabled)
        {
            throw new ArgumentException("ChannelIdentityValidator needs SupportShield:Identity:SigningKey.", nameof(options));
        }

        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(options.DecodeKey()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidIssuer = options.Issuer,
            ValidateAudience = !string.IsNullOrWhiteSpace(options.Audience),
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew,
            LifetimeValidator = IsWithinLifetime,
        };
    }

    /// <summary>Finds the token in <paramref name="activity"/>'s channel data and checks it.</summary>
    public async Task<IdentityTokenCheck> CheckAsync(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var token = ReadToken(activity.ChannelData);
        if (token is null)
        {
            return IdentityTokenCheck.NoToken;
        }

        if (token.Length > MaxTokenLength)
        {
            return new IdentityTokenCheck(IdentityTokenOutcome.Invalid);
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return new IdentityTokenCheck(IdentityTokenOutcome.Invalid);
        }

        if (!result.IsValid)
        {
            return new IdentityTokenCheck(result.Exception switch
            {
                SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException => IdentityTokenOutcome.Expired,
                SecurityTokenInvalidIssuerException => IdentityTokenOutcome.WrongIssuer,
                SecurityTokenInvalidAudienceException => IdentityTokenOutcome.WrongAudience,
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException => IdentityTokenOutcome.BadSignature,
                _ => IdentityTokenOutcome.Invalid,
            });
        }

        if (result.SecurityToken is not JsonWebToken jwt || string.IsNullOrWhiteSpace(jwt.Subject) || string.IsNullOrWhiteSpace(jwt.Id))
        {
            return new IdentityTokenCheck(IdentityTokenOutcome.Invalid);
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
        if (expires - _time.GetUtcNow() > _options.MaxTokenLifetime)
        {
            // A long-lived bearer token is a password in a web page: refuse it, and keep the replay record short-lived.
            return new IdentityTokenCheck(IdentityTokenOutcome.Invalid);
        }

        return new IdentityTokenCheck(IdentityTokenOutcome.Valid, jwt.Subject.Trim(), jwt.Id, expires);
    }

    /// <summary>The token's lifetime on the injected clock (the library's own check reads the system clock).</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The identity token has no expiry.");
        }

        if (notBefore is { } nbf && nbf.ToUniversalTime() > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The identity token is not valid yet.");
        }

        return expires.Value.ToUniversalTime() + _options.ClockSkew >= now
            ? true
            : throw new SecurityTokenExpiredException("The identity token has expired.");
    }

    private string? ReadToken(object? channelData)
    {
        if (channelData is null)
        {
            return null;
        }

        JToken? value;
        try
        {
            var data = channelData as JObject ?? JObject.FromObject(channelData);
            value = data.GetValue(_options.ChannelDataProperty, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }

        return value is { Type: JTokenType.String } && value.Value<string>() is { Length: > 0 } text ? text.Trim() : null;
    }
}
