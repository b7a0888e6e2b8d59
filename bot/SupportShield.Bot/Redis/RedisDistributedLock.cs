using SupportShield.Bot.Locking;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// A lock across instances: <c>SET key token NX PX ttl</c> takes it (retried until the wait is over), and a Lua
/// compare-and-delete releases it only while it still holds this holder's random token, so a holder whose lock expired
/// never frees someone else's.
/// </summary>
public sealed class RedisDistributedLock : IDistributedLock
{
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(250);

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;

    public RedisDistributedLock(RedisConnection redis, TimeProvider time)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var redisKey = _redis.Key("lock", key);
        var token = Guid.NewGuid().ToString("N");
        var deadline = _time.GetUtcNow() + wait;
        var pause = FirstRetry;
        while (true)
        {
            bool taken;
            try
            {
                taken = await _redis.Database.StringSetAsync(redisKey, token, ttl, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                throw new DistributedLockUnavailableException($"Redis did not answer ({ex.GetType().Name}); the lock was not taken.", ex);
            }

            if (taken)
            {
                return new Handle(_redis, redisKey, token);
            }

            var left = deadline - _time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(left < pause ? left : pause, _time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetry.Ticks));
        }
    }

    private sealed class Handle(RedisConnection redis, RedisKey key, string token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await redis.Database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis went away while the lock was held: it expires by itself after its time to live.
            }
        }
    }
}
