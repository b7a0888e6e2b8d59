using System.Data.Common;
using System.Globalization;

namespace SupportShield.Bot.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on the <c>idempotency_keys</c> table, the same SQL for SQLite and PostgreSQL; each
/// operation is one transaction of the provider (<see cref="WriteAsync"/>).
/// </summary>
public abstract class SqlIdempotencyStore : IIdempotencyStore
{
    private const string InsertKeySql = """
        INSERT INTO idempotency_keys (scope, key, state, owner, lease_until_ticks, created_at, created_at_ticks)
        VALUES (@scope, @key, 'Pending', @owner, @lease, @created, @createdTicks) ON CONFLICT DO NOTHING;
        """;

    private readonly TimeProvider _time;

    protected SqlIdempotencyStore(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Appended to the SELECT of an existing key to lock its row until the transaction ends (PostgreSQL: FOR UPDATE).</summary>
    protected abstract string LockRowClause { get; }

    /// <summary>Runs <paramref name="work"/> in one write transaction of the database.</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/>, a single statement, as one write of the database: by default a transaction of its own;
    /// a database that commits a lone statement by itself may run it without one (no transaction is then passed).
    /// </summary>
    protected virtual Task<T> WriteOneAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction, ct) => work(connection, transaction, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = _time.GetUtcNow();
        var leaseUntil = (now + lease).UtcTicks;
        (string, object)[] insertParameters = [("scope", scope), ("key", key), ("owner", owner), ("lease", leaseUntil),
            ("created", now.ToString("O", CultureInfo.InvariantCulture)), ("createdTicks", now.UtcTicks)];

        // A new key (nearly every send) is claimed by the insert alone; only a key seen before needs the locked look.
        if (await WriteOneAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, InsertKeySql, ct, insertParameters), cancellationToken).ConfigureAwait(false) == 1)
        {
            return new IdempotencyClaim(IdempotencyClaimKind.Claimed);
        }

        return await WriteAsync(
            async (connection, transaction, ct) =>
            {
                var inserted = await ExecuteAsync(connection, transaction, InsertKeySql, ct, insertParameters).ConfigureAwait(false);
                if (inserted == 1)
                {
                    // Gone meanwhile (keys are not deleted by SupportShield; an operator may clear the table): claimed now.
                    return new IdempotencyClaim(IdempotencyClaimKind.Claimed);
                }

                await using var select = Command(connection, transaction,
                    "SELECT state, lease_until_ticks, message_id, status, response_json FROM idempotency_keys WHERE scope = @scope AND key = @key " + LockRowClause + ";",
                    ("scope", scope), ("key", key));
                string state;
                long heldUntil;
                string? messageId, status, response;
                await using (var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("The idempotency key vanished while it was claimed.");
                    }

                    state = reader.GetString(0);
                    heldUntil = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                    messageId = reader.IsDBNull(2) ? null : reader.GetString(2);
                    status = reader.IsDBNull(3) ? null : reader.GetString(3);
                    response = reader.IsDBNull(4) ? null : reader.GetString(4);
                }

                switch (state)
                {
                    case "Completed":
                        return new IdempotencyClaim(IdempotencyClaimKind.Completed, MessageId: messageId, Status: status, ResponseJson: response);
                    case "Sent":
                        return new IdempotencyClaim(IdempotencyClaimKind.Sent, MessageId: messageId, Status: status);
                }

                // A key given up (nothing reached the channel) has no lease left, and is claimed at once.
                if (heldUntil > now.UtcTicks)
                {
                    return new IdempotencyClaim(IdempotencyClaimKind.InProgress, RetryAfter: TimeSpan.FromTicks(heldUntil - now.UtcTicks));
                }

                // The holder is presumed dead. Had it started the channel send (Sending), the message may have arrived.
                await ExecuteAsync(connection, transaction,
                    "UPDATE idempotency_keys SET owner = @owner, lease_until_ticks = @lease, state = 'Pending' WHERE scope = @scope AND key = @key;",
                    ct, ("owner", owner), ("lease", leaseUntil), ("scope", scope), ("key", key)).ConfigureAwait(false);
                return new IdempotencyClaim(IdempotencyClaimKind.Claimed, TakenOver: true, MayHaveBeenSent: state == "Sending");
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> MarkSendingAsync(string scope, string key, string owner, CancellationToken cancellationToken = default) =>
        await UpdateAsync("UPDATE idempotency_keys SET state = 'Sending' WHERE scope = @scope AND key = @key AND owner = @owner AND state = 'Pending';",
            cancellationToken, ("scope", scope), ("key", key), ("owner", owner)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public Task MarkSentAsync(string scope, string key, string owner, string messageId, string status, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE idempotency_keys SET state = 'Sent', message_id = @message, status = @status WHERE scope = @scope AND key = @key AND owner = @owner AND state IN ('Pending', 'Sending');",
            cancellationToken, ("message", messageId), ("status", status), ("scope", scope), ("key", key), ("owner", owner));

    /// <inheritdoc />
    public Task CompleteAsync(string scope, string key, string owner, string messageId, string status, string responseJson, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE idempotency_keys SET state = 'Completed', message_id = @message, status = @status, response_json = @response WHERE scope = @scope AND key = @key AND owner = @owner;",
            cancellationToken, ("message", messageId), ("status", status), ("response", responseJson), ("scope", scope), ("key", key), ("owner", owner));

    /// <inheritdoc />
    public Task AbandonAsync(string scope, string key, string owner, CancellationToken cancellationToken = default) =>
        // The row stays, its lease ended: the next claim takes it over at once and so knows that an attempt came before it
        // (one that may have held the message before it failed), while a key never seen before needs no such look.
        UpdateAsync("UPDATE idempotency_keys SET lease_until_ticks = 0 WHERE scope = @scope AND key = @key AND owner = @owner AND state = 'Pending';",
            cancellationToken, ("scope", scope), ("key", key), ("owner", owner));

    private Task<int> UpdateAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        WriteOneAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, sql, ct, parameters), cancellationToken);

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
