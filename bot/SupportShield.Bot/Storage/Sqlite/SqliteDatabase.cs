using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// The one SQLite file SupportShield keeps its data in. Opens a connection per operation (pooled), runs in WAL mode
/// so readers never wait for the writer, and serializes writes inside this process so concurrent requests queue
/// here instead of failing with SQLITE_BUSY. The schema is created or migrated on first use.
/// </summary>
public sealed class SqliteDatabase : IStorageDatabase, IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _initializeLock = new();
    private volatile bool _initialized;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.SqlitePath))
        {
            throw new ArgumentException("SupportShield:Storage:SqlitePath must name a file.", nameof(options));
        }

        FilePath = Path.GetFullPath(value.SqlitePath);
        _busyTimeoutMilliseconds = checked(value.BusyTimeoutSeconds * 1000);
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = value.BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Creates the file and its directory when missing and brings the schema up to date. Safe to call more than once.</summary>
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

            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // WAL is a property of the file: set once, every later connection uses it.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = Convert.ToString(wal.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The SQLite database '{FilePath}' could not be switched to WAL mode (it reports '{mode}').");
                }
            }

            Migrate(connection);
            _initialized = true;
        }
    }

    /// <inheritdoc />
    public string Description => FilePath;

    /// <inheritdoc />
    public Task<int> ProbeAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT MAX(version) FROM schema_version;";
                return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            },
            cancellationToken);

    /// <summary>The schema version the file is at.</summary>
    public int GetSchemaVersion()
    {
        Initialize();
        using var connection = OpenConnection();
        return ReadSchemaVersion(connection, null);
    }

    /// <summary>Runs read-only work on its own connection.</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Initialize();
        await using var connection = OpenConnection();
        return await work(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work in one immediate transaction, one writer at a time; commits when it returns, rolls back when it throws.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Initialize();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = OpenConnection();
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The secret stored under <paramref name="name"/>; when there is none, stores <paramref name="create"/>'s value first.
    /// Synchronous because it is needed while services are being built.
    /// </summary>
    public byte[] GetOrAddSecret(string name, Func<byte[]> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(create);
        Initialize();
        _writeLock.Wait();
        try
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT value FROM secrets WHERE name = $name;";
                select.Parameters.AddWithValue("$name", name);
                if (select.ExecuteScalar() is byte[] existing)
                {
                    return existing;
                }
            }

            var value = create();
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO secrets (name, value, created_at) VALUES ($name, $value, $created);";
                insert.Parameters.AddWithValue("$name", name);
                insert.Parameters.AddWithValue("$value", value);
                insert.Parameters.AddWithValue("$created", SqliteTime.ToText(_timeProvider.GetUtcNow()));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return value;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};");
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }

        var current = ReadSchemaVersion(connection, transaction);
        if (current > SqliteSchema.LatestVersion)
        {
            // An older build must not write into a schema it does not understand.
            throw new InvalidOperationException(
                $"The SQLite database '{FilePath}' is at schema version {current}, newer than this build knows ({SqliteSchema.LatestVersion}).");
        }

        foreach (var (version, sql) in SqliteSchema.Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = sql;
            step.ExecuteNonQuery();
            SqliteSchema.AfterStep(version, connection, transaction);

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$at", SqliteTime.ToText(_timeProvider.GetUtcNow()));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static int ReadSchemaVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
