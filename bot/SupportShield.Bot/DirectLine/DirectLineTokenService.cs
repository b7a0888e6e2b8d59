using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The secret and the tokens of the embedded Direct Line. Tokens are self-contained and signed (HMAC-SHA256 with a key
/// derived from the secret), so any instance with the same secret accepts them; a token names one conversation and one
/// user. Stream tickets (the <c>t</c> of a <c>streamUrl</c>) are the same with another purpose and a one-minute life.
/// </summary>
public sealed class DirectLineTokenService
{
    /// <summary>How long a stream ticket lets a WebSocket connect.</summary>
    public static readonly TimeSpan StreamTicketLifetime = TimeSpan.FromMinutes(1);

    private const string TokenPurpose = "token";
    private const string StreamPurpose = "stream";
    private const int MaxTokenLength = 2048;

    private readonly byte[] _secretHash;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _lifetime = options.Value.TokenLifetime;
        var secret = string.IsNullOrEmpty(options.Value.Secret)
            ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))
            : options.Value.Secret;
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        _secretHash = SHA256.HashData(secretBytes);
        _signingKey = HMACSHA256.HashData(secretBytes, "SupportShield.DirectLine.Token.v1"u8);
        GeneratedSecret = string.IsNullOrEmpty(options.Value.Secret);
    }

    /// <summary>True when no secret was configured and a random one is in use.</summary>
    public bool GeneratedSecret { get; }

    /// <summary>How long a new token works.</summary>
    public TimeSpan TokenLifetime => _lifetime;

    /// <summary>True when <paramref name="candidate"/> is the Direct Line secret (compared in constant time).</summary>
    public bool IsSecret(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), _secretHash);
    }

    /// <summary>A token for <paramref name="conversationId"/> and <paramref name="userId"/>, valid for the token lifetime.</summary>
    public string IssueToken(string conversationId, string userId) => Issue(TokenPurpose, conversationId, userId, _lifetime);

    /// <summary>A ticket that opens the conversation's stream for a minute.</summary>
    public string IssueStreamTicket(string conversationId, string userId) => Issue(StreamPurpose, conversationId, userId, StreamTicketLifetime);

    /// <summary>The grant of a valid, unexpired token, or null.</summary>
    public DirectLineToken? ReadToken(string token) => Read(TokenPurpose, token);

    /// <summary>The grant of a valid, unexpired stream ticket, or null.</summary>
    public DirectLineToken? ReadStreamTicket(string ticket) => Read(StreamPurpose, ticket);

    private string Issue(string purpose, string conversationId, string userId, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var expires = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(purpose, conversationId, userId, expires));
        var body = Base64Url.EncodeToString(payload);
        return body + "." + Base64Url.EncodeToString(Sign(body));
    }

    private DirectLineToken? Read(string purpose, string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }

        var body = token[..dot];
        byte[] signature;
        byte[] payloadBytes;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            payloadBytes = Base64Url.DecodeFromChars(body);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(body)))
        {
            return null;
        }

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(payloadBytes);
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null || payload.P != purpose || string.IsNullOrEmpty(payload.C) || string.IsNullOrEmpty(payload.U))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.E);
        return expiresAt <= _time.GetUtcNow() ? null : new DirectLineToken(payload.C, payload.U, expiresAt);
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(body));

    /// <summary>The signed part of a token: purpose, conversation, user, expiry (Unix seconds).</summary>
    private sealed record TokenPayload(string P, string C, string U, long E);
}
