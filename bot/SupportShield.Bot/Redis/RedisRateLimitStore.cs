using SupportShield.Bot.RateLimiting;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// Fixed windows in Redis, shared by every instance: one counter per limit and key, incremented and given its expiry in
/// one Lua script (INCR, then PEXPIRE when the counter is new), so concurrent instances never lose a count and a window
/// always ends.
/// </summary>
public sealed class RedisRateLimitStore : IRateLimitStore
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    private readonly RedisConnection _redis;

    public RedisRateLimitStore(RedisConnection redis)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> TryAcquireAsync(string limit, string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        var windowMs = (long)Math.Ceiling(window.TotalMilliseconds);
        var redisKey = _redis.Key("ratelimit:" + limit.Replace(' ', '-') + ":" + windowMs.ToString(System.Globalization.CultureInfo.InvariantCulture), key);
        RedisResult result;
        try
        {
            result = await _redis.Database.ScriptEvaluateAsync(Script, [redisKey], [windowMs]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new RateLimitStoreUnavailableException($"Redis did not answer ({ex.GetType().Name}).", ex);
        }

        var values = (RedisResult[])result!;
        var count = (long)values[0];
        if (count <= permits)
        {
            return RateLimitDecision.Allow;
        }

        return new RateLimitDecision(false, TimeSpan.FromMilliseconds(Math.Max(1, (long)values[1])), limit);
    }
}
