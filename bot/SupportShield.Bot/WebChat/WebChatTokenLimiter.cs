using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.WebChat;

/// <summary>At most <see cref="WebChatOptions.TokensPerClientPerMinute"/> page tokens per client address per minute.</summary>
public sealed class WebChatTokenLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public WebChatTokenLimiter(IOptions<WebChatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.TokensPerClientPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>True when <paramref name="client"/> may have another token now.</summary>
    public bool TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
