using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportShield.Testing;

/// <summary>Signs identity tokens as a host web page would (HS256 JWT, subject = account id).</summary>
public static class IdentityTokenFactory
{
    /// <summary>A signed token. <paramref name="issuedAt"/> defaults to five minutes before <paramref name="expires"/>.</summary>
    public static string Create(
        byte[] key,
        string issuer,
        string subject,
        DateTimeOffset expires,
        string? tokenId = null,
        string? audience = null,
        DateTimeOffset? issuedAt = null)
    {
        var issued = issuedAt ?? expires.AddMinutes(-5);
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (tokenId is not null)
        {
            claims["jti"] = tokenId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
