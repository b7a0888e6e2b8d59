using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Fixed windows kept in this process (System.Threading.RateLimiting): the default, and the fallback for message limits
/// when Redis cannot be reached. With several instances each counts on its own.
/// </summary>
public sealed class InProcessRateLimitStore : IRateLimitStore, IDisposable
{
    private readonly ConcurrentDictionary<(string Limit, int Permits, TimeSpan Window), PartitionedRateLimiter<string>> _limiters = new();

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> TryAcquireAsync(string limit, string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(key);
        var limiter = _limiters.GetOrAdd((limit, permits, window), static id => PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(
                partition,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = id.Permits, Window = id.Window, QueueLimit = 0, AutoReplenishment = true })));
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(RateLimitDecision.Allow);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
        return ValueTask.FromResult(new RateLimitDecision(false, retryAfter, limit));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }

        _limiters.Clear();
    }
}
