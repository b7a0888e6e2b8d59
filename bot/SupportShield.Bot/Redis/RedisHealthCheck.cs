using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// Unhealthy when the configured Redis does not answer PING: without it verification cannot start (its rate limits fail
/// closed), pending verifications cannot take their lock, and instances stop sharing console sessions and SignalR messages.
/// </summary>
public sealed class RedisHealthCheck : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly RedisConnection _redis;

    public RedisHealthCheck(RedisConnection redis)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await _redis.Database.PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer PING ({ex.GetType().Name})");
        }
    }
}
