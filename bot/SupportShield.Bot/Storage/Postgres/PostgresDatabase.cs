using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL database SupportShield keeps its data in when several hosts share one store. Opens a pooled
/// connection per operation; writes run in one READ COMMITTED transaction each (a lone statement in its own), and every change that must not race
/// another host's is a conditional statement or takes a row or advisory lock (see the stores). The schema is created or
/// migrated on first use, under an advisory lock, so hosts starting at once migrate one after the other.
/// </summary>
public sealed class PostgresDatabase : IStorageDatabase, IDisposable
{
    /// <summary>The advisory lock key held while the schema is migrated (shared by every host on the database).</summary>
    internal const long MigrationLockKey = 0x5375_7070_5368_0001;

    /// <summary>The advisory lock key that serialises audit appends, so the audit log stays one chain.</summary>
    internal const long AuditChainLockKey = 0x5375_7070_5368_0002;

    /// <summary>Statements prepared automatically per connection unless the connection string sets <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Connections per host unless the connection string sets <c>Maximum Pool Size</c>.</summary>
    public const int DefaultMaxPoolSize = 24;

    /// <summary>The name of the connection pool in Npgsql's metrics (<c>db.client.connection.pool.name</c>).</summary>
    public const string PoolName = "supportshield";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _initializeLock = new();
    private volatile bool _initialized;

    public PostgresDatabase(IOptions<PostgresStorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            throw new ArgumentException($"{PostgresStorageOptions.SectionName}:ConnectionString is required when SupportShield:Storage:Provider is Postgres.", nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(value.ConnectionString)
        {
            CommandTimeout = value.CommandTimeoutSeconds,

            // SupportShield keeps no session state on a pooled connection (the migration's session lock is released
            // explicitly), so the DISCARD ALL that would otherwise run at every reuse is only cost.
            NoResetOnClose = true,
        };
        // NpgsqlConnectionStringBuilder.ContainsKey answers true for every keyword it knows: ask the text itself.
        if (!Sets(value.ConnectionString, "maxautoprepare"))
        {
            // The same few statements run on every turn: prepared once per connection, the server parses and plans them
            // once instead of on every execution (about a third of the database's CPU per turn).
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Sets(value.ConnectionString, "maxpoolsize", "maximumpoolsize"))
        {
            // Every connection in use is a server process wanting a core. A turn's statements are short, so a few dozen
            // connections keep a small server busy; Npgsql's 100 only queues the surplus inside the database, where two
            // cores spend it switching between processes (measured: the time the middleware adds halved at 500 turns/s).
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        Description = string.Create(CultureInfo.InvariantCulture, $"postgres://{builder.Host}:{builder.Port}/{builder.Database}");
        // Named, so that the driver's metrics (/metrics: connections busy and idle, requests waiting for one) carry this
        // short name, never the connection string with its user name and host.
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = PoolName }.Build();
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The settings connections are opened with (without the password).</summary>
    internal NpgsqlConnectionStringBuilder Settings => new(_dataSource.ConnectionString);

    /// <summary>Whether <paramref name="connectionString"/> sets one of <paramref name="keys"/> (lower case, without spaces).</summary>
    private static bool Sets(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => keys.Contains(k.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));
    }

    /// <summary>Creates or migrates the schema. Safe to call more than once, and from several hosts at once.</summary>
    public void Initialize()
    {
        if (_initialized)
        {
            return;
        }

        lock (_initializeLock)
        {
            if (_initialized)
            {
                return;
            }

            using var connection = _dataSource.OpenConnection();
            Execute(connection, null, "SELECT pg_advisory_lock(@key);", MigrationLockKey);
            try
            {
                Migrate(connection);
            }
            finally
            {
                Execute(connection, null, "SELECT pg_advisory_unlock(@key);", MigrationLockKey);
            }

            _initialized = true;
        }
    }

    /// <summary>The schema version the database is at.</summary>
    public int GetSchemaVersion()
    {
        Initialize();
        using var connection = _dataSource.OpenConnection();
        return ReadSchemaVersion(connection, null);
    }

    /// <inheritdoc />
    public Task<int> ProbeAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection);
                return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            },
            cancellationToken);

    /// <summary>Runs read-only work on its own connection.</summary>
    internal async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs work that is one statement on its own connection, without BEGIN … COMMIT: PostgreSQL runs a lone statement as a
    /// transaction of its own (all or nothing, committed when it returns), one network round trip instead of two.
    /// </summary>
    internal async Task<T> WriteOneAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work in one transaction; commits when it returns, rolls back when it throws.</summary>
    internal async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public byte[] GetOrAddSecret(string name, Func<byte[]> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(create);
        Initialize();
        using var connection = _dataSource.OpenConnection();

        // Two hosts starting at once may both create a value: the first insert wins and both read it back.
        using (var insert = new NpgsqlCommand("INSERT INTO secrets (name, value, created_at) VALUES (@name, @value, @created) ON CONFLICT (name) DO NOTHING;", connection))
        {
            using var select = new NpgsqlCommand("SELECT value FROM secrets WHERE name = @name;", connection);
            select.Parameters.AddWithValue("name", name);
            if (select.ExecuteScalar() is byte[] existing)
            {
                return existing;
            }

            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("value", create());
            insert.Parameters.AddWithValue("created", PostgresTime.ToText(_timeProvider.GetUtcNow()));
            insert.ExecuteNonQuery();
        }

        using var reread = new NpgsqlCommand("SELECT value FROM secrets WHERE name = @name;", connection);
        reread.Parameters.AddWithValue("name", name);
        return reread.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"The secret '{name}' could not be stored in {Description}.");
    }

    public void Dispose() => _dataSource.Dispose();

    private void Migrate(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at text NOT NULL);");
        var current = ReadSchemaVersion(connection, transaction);
        if (current > PostgresSchema.LatestVersion)
        {
            // An older build must not write into a schema it does not understand.
            throw new InvalidOperationException(
                $"The PostgreSQL database {Description} is at schema version {current}, newer than this build knows ({PostgresSchema.LatestVersion}).");
        }

        foreach (var (version, sql) in PostgresSchema.Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            Execute(connection, transaction, sql);
            using var record = new NpgsqlCommand("INSERT INTO schema_version (version, applied_at) VALUES (@version, @at);", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            record.Parameters.AddWithValue("at", PostgresTime.ToText(_timeProvider.GetUtcNow()));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? key = null)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is { } value)
        {
            command.Parameters.AddWithValue("key", value);
        }

        command.ExecuteNonQuery();
    }

    private static int ReadSchemaVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
