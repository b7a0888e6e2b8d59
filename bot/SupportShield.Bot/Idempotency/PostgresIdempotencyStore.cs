using System.Data.Common;
using SupportShield.Bot.Storage.Postgres;

namespace SupportShield.Bot.Idempotency;

/// <summary>Idempotency keys in PostgreSQL, shared by every instance; an existing key's row is locked while it is examined.</summary>
public sealed class PostgresIdempotencyStore : SqlIdempotencyStore
{
    private readonly PostgresDatabase _database;

    public PostgresIdempotencyStore(PostgresDatabase database, TimeProvider time)
        : base(time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    /// <inheritdoc />
    protected override string LockRowClause => "FOR UPDATE";

    /// <inheritdoc />
    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction, ct) => work(connection, transaction, ct), cancellationToken);

    /// <inheritdoc />
    protected override Task<T> WriteOneAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _database.WriteOneAsync((connection, ct) => work(connection, null, ct), cancellationToken);
}
