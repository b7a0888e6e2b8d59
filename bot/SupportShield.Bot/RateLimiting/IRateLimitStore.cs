namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Where the fixed-window rate-limit counters live: in this process (<see cref="InProcessRateLimitStore"/>, the default)
/// or in Redis (<c>SupportShield.Bot.Redis.RedisRateLimitStore</c>), so that limits hold across instances.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Takes one permit of <paramref name="key"/> under the limit <paramref name="limit"/>: at most <paramref name="permits"/>
    /// per fixed window of <paramref name="window"/>. Throws <see cref="RateLimitStoreUnavailableException"/> when the
    /// counters cannot be reached.
    /// </summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(string limit, string key, int permits, TimeSpan window, CancellationToken cancellationToken = default);
}
