using System.Data.Common;
using SupportShield.Bot.Storage.Sqlite;

namespace SupportShield.Bot.Idempotency;

/// <summary>Idempotency keys in the SQLite file (one writer at a time, so a claim needs no row lock).</summary>
public sealed class SqliteIdempotencyStore : SqlIdempotencyStore
{
    private readonly SqliteDatabase _database;

    public SqliteIdempotencyStore(SqliteDatabase database, TimeProvider time)
        : base(time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <inheritdoc />
    protected override string LockRowClause => string.Empty;

    /// <inheritdoc />
    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction, ct) => work(connection, transaction, ct), cancellationToken);
}
