using System.Globalization;
using SupportShield.Bot.AgentConsole;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// Agent-console presence shared by every instance through Redis, so that a turn on one instance is pushed to a console
/// connected to another, and no instance builds pushes while no console is connected anywhere. Each instance counts its own
/// consoles (<see cref="AgentConsolePresence"/>) and, every <see cref="RedisOptions.ConsolePresenceIntervalMilliseconds"/>
/// (and at once when a console connects or the last one leaves), runs one Lua script on a sorted set: it drops members
/// whose expiry has passed, adds this instance with an expiry <see cref="RedisOptions.ConsolePresenceTtlSeconds"/> ahead
/// while it has consoles (removes it otherwise) and counts the members left. The answer is cached: a turn never waits for
/// Redis. An instance that dies without removing itself drops out when its expiry passes (expiries are the writers' clocks,
/// so the instances' clocks must agree to well within the time to live, as NTP keeps them). The one gap: for about an
/// interval after a console connects to one instance, events on the other instances may not be pushed to it (they are in
/// what it loads if they happened before its load; a later event of the same conversation updates its list entry).
/// Fails open: while Redis does not answer, or the last answer is older than three intervals, consoles are assumed present
/// (pushing is harmless; skipping could hide what happens from an agent).
/// </summary>
public sealed partial class RedisAgentConsolePresence : BackgroundService, IAgentConsolePresence
{
    private const string Script = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if ARGV[3] == '1' then
          redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
        else
          redis.call('ZREM', KEYS[1], ARGV[4])
        end
        return redis.call('ZCARD', KEYS[1])
        """;

    private static readonly TimeSpan WithdrawTimeout = TimeSpan.FromSeconds(2);

    private readonly AgentConsolePresence _here = new();
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisAgentConsolePresence> _logger;
    private readonly RedisKey _key;
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _interval;
    private readonly long _staleAfterTicks;

    // Until when (UTC ticks) Redis said that no console is connected anywhere; 0 (the start, or Redis unreachable) means
    // "assume present".
    private long _nobodyUntilTicks;
    private int _failing;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RedisAgentConsolePresence(RedisConnection redis, TimeProvider time, ILogger<RedisAgentConsolePresence> logger)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _key = redis.Options.KeyPrefix + "agent-consoles";
        _ttl = TimeSpan.FromSeconds(redis.Options.ConsolePresenceTtlSeconds);
        _interval = TimeSpan.FromMilliseconds(redis.Options.ConsolePresenceIntervalMilliseconds);
        _staleAfterTicks = _interval.Ticks * 3;
    }

    /// <summary>How many consoles are connected to this instance now.</summary>
    public int ConnectedHere => _here.ConnectedHere;

    /// <inheritdoc />
    public bool AnyConsoleConnected =>
        _here.AnyConsoleConnected || _time.GetUtcNow().UtcTicks >= Volatile.Read(ref _nobodyUntilTicks);

    /// <inheritdoc />
    public void ConsoleConnected()
    {
        _here.ConsoleConnected();
        Wake();
    }

    /// <inheritdoc />
    public void ConsoleDisconnected()
    {
        _here.ConsoleDisconnected();
        if (!_here.AnyConsoleConnected)
        {
            Wake();
        }
    }

    /// <summary>
    /// Writes whether this instance has consoles and reads whether any instance has, once; the background loop calls it on
    /// every tick. Never throws for Redis: an error leaves the answer at "assume present".
    /// </summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var present = _here.AnyConsoleConnected;
        try
        {
            var result = await _redis.Database.ScriptEvaluateAsync(
                Script,
                [_key],
                [
                    now.ToUnixTimeMilliseconds(),
                    (now + _ttl).ToUnixTimeMilliseconds(),
                    present ? "1" : "0",
                    _instanceId,
                    ((long)_ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                ]).WaitAsync(cancellationToken).ConfigureAwait(false);
            var instances = (long)result;
            Volatile.Write(ref _nobodyUntilTicks, instances > 0 ? 0 : now.UtcTicks + _staleAfterTicks);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogRedisBack(_logger);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Volatile.Write(ref _nobodyUntilTicks, 0);
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogRedisUnavailable(_logger, ex.GetType().Name);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first call opens the Redis connection, which may block: never on the host's start-up path.
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before synchronising, so that a console connecting meanwhile leads to another round at once.
                var wake = Volatile.Read(ref _wake);
                await SynchronizeAsync(stoppingToken).ConfigureAwait(false);
                await Task.WhenAny(Task.Delay(_interval, _time, stoppingToken), wake.Task).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await WithdrawAsync().ConfigureAwait(false);
    }

    /// <summary>Removes this instance at once on shutdown, so the others stop pushing for its consoles before its expiry.</summary>
    private async Task WithdrawAsync()
    {
        try
        {
            await _redis.Database.SortedSetRemoveAsync(_key, _instanceId).WaitAsync(WithdrawTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Its entry expires by itself after the time to live.
        }
    }

    private void Wake() =>
        Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent console presence: Redis did not answer ({ExceptionType}); pushing to the consoles as if one were connected")]
    private static partial void LogRedisUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent console presence: Redis answers again")]
    private static partial void LogRedisBack(ILogger logger);
}
