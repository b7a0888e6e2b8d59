using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportShield.Bot.Redis;

/// <summary>
/// The one Redis connection of the process, opened on first use (a host whose Redis is down still starts, and the client
/// reconnects by itself), and the key names under <see cref="RedisOptions.KeyPrefix"/>.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        if (!Options.Enabled)
        {
            throw new InvalidOperationException("SupportShield:Redis:ConnectionString is not set.");
        }

        var configuration = Options.ToConfiguration();
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The options in force.</summary>
    public RedisOptions Options { get; }

    /// <summary>The connection (opened now if it was not).</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>The default database.</summary>
    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>
    /// The Redis key of <paramref name="kind"/> and <paramref name="id"/>: the id is hashed (SHA-256), so conversation and
    /// account ids never appear in Redis and any id makes a short key.
    /// </summary>
    public RedisKey Key(string kind, string id)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        return Options.KeyPrefix + kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await _multiplexer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
