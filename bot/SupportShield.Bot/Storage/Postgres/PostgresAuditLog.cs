using Microsoft.Extensions.Logging;
using Npgsql;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// The audit log in PostgreSQL. Append-only by design: this type has no way to change or remove a record, and the
/// table's triggers refuse UPDATE, DELETE and TRUNCATE from anyone else. An append is one insert into
/// <c>audit_inbox</c>, committed before it returns (a failed insert fails the caller, so the message path fails closed);
/// it waits for no other append, on this host or another. <see cref="PostgresAuditChainer"/> then links the waiting
/// records into the one chain in <c>audit_records</c> (<see cref="AuditChain"/>), one host at a time, within
/// milliseconds; every read here chains what is waiting first, so it sees every record appended before it.
/// </summary>
public sealed class PostgresAuditLog : IAuditChainStore, IAuditActionCounts, IAsyncDisposable, IDisposable
{
    /// <summary>Inbox inserts in flight at once: each takes every append waiting when it starts.</summary>
    private const int InboxWriters = 4;

    private readonly PostgresDatabase _database;
    private readonly PostgresAuditChainer _chainer;
    private readonly AuditAppendBatcher _batcher;

    public PostgresAuditLog(PostgresDatabase database, ILogger<PostgresAuditLog>? logger = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _chainer = new PostgresAuditChainer(database, logger);
        _batcher = new AuditAppendBatcher((records, ct) => WriteWaitingAsync(null, records, (batch, c) => batch.ExecuteNonQueryAsync(c), ct), InboxWriters);
    }

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => _batcher.AppendAsync(record, cancellationToken);

    /// <summary>Chains every record waiting in the inbox now (by any host); the number chained.</summary>
    public Task<int> ChainWaitingAsync(CancellationToken cancellationToken = default) => _chainer.ChainWaitingAsync(cancellationToken);

    /// <summary>
    /// Writes <paramref name="statement"/> (another write of the same decision) and <paramref name="record"/>'s insert into
    /// the inbox in one implicit transaction, both or neither, and wakes the chainer; the rows the statement affected.
    /// </summary>
    internal Task<int> AppendWithAsync(NpgsqlBatchCommand statement, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return WriteWaitingAsync(
            statement,
            [AuditRecordChecks.Normalise(record)],
            async (batch, ct) =>
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return batch.BatchCommands[0].RecordsAffected;
            },
            cancellationToken);
    }

    /// <summary>
    /// As <see cref="AppendWithAsync"/>, for a <paramref name="statement"/> that returns one value (<c>INSERT … RETURNING</c>):
    /// that value, read once every statement of the batch has run.
    /// </summary>
    internal Task<T> AppendWithValueAsync<T>(NpgsqlBatchCommand statement, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return WriteWaitingAsync(
            statement,
            [AuditRecordChecks.Normalise(record)],
            async (batch, ct) =>
            {
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("The statement written with the audit record returned no value.");
                }

                var value = reader.GetFieldValue<T>(0);

                // The inbox insert's outcome (an error included) arrives with the results that follow.
                while (await reader.NextResultAsync(ct).ConfigureAwait(false))
                {
                }

                return value;
            },
            cancellationToken);
    }

    /// <summary>
    /// Inserts <paramref name="records"/> into the inbox, after <paramref name="statement"/> when there is one, in one
    /// implicit transaction (one round trip) run by <paramref name="execute"/>, and wakes the chainer; what
    /// <paramref name="execute"/> returns.
    /// </summary>
    private async Task<T> WriteWaitingAsync<T>(
        NpgsqlBatchCommand? statement, IReadOnlyList<AuditRecord> records, Func<NpgsqlBatch, CancellationToken, Task<T>> execute, CancellationToken cancellationToken)
    {
        var result = await _database.WriteOneAsync(
            async (connection, ct) =>
            {
                await using var batch = new NpgsqlBatch(connection);
                if (statement is not null)
                {
                    batch.BatchCommands.Add(statement);
                }

                foreach (var record in records)
                {
                    batch.BatchCommands.Add(PostgresAuditRows.InsertWaiting(record));
                }

                return await execute(batch, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _chainer.Notify();
        return result;
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await _chainer.ChainWaitingAsync(cancellationToken).ConfigureAwait(false);
        var stored = await QueryAsync(" WHERE conversation_id = @conversation ORDER BY time_utc_ticks, id;", conversationId, null, cancellationToken).ConfigureAwait(false);
        return stored.Select(s => s.Record).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChainedAuditRecord>> ListRecentAsync(string? conversationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await _chainer.ChainWaitingAsync(cancellationToken).ConfigureAwait(false);
        var where = conversationId is null ? string.Empty : " WHERE conversation_id = @conversation";
        var newest = await QueryAsync(where + " ORDER BY id DESC LIMIT @limit;", conversationId, limit, cancellationToken).ConfigureAwait(false);
        return newest.Reverse().ToList();
    }

    /// <inheritdoc />
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await _chainer.ChainWaitingAsync(cancellationToken).ConfigureAwait(false);
        return await _database.ReadAsync(
            async (connection, ct) => AuditChain.Verify(await AuditTable.ReadAllAsync(connection, null, ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records per (direction, action) with a time in [<paramref name="since"/>, <paramref name="until"/>).</summary>
    public async Task<IReadOnlyList<AuditActionCount>> CountActionsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await _chainer.ChainWaitingAsync(cancellationToken).ConfigureAwait(false);
        return await _database.ReadAsync<IReadOnlyList<AuditActionCount>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT direction, action, COUNT(*) FROM audit_records
                    WHERE time_utc_ticks >= @from AND time_utc_ticks < @to
                    GROUP BY direction, action;
                    """;
                command.Parameters.AddWithValue("from", since.UtcTicks);
                command.Parameters.AddWithValue("to", until.UtcTicks);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var counts = new List<AuditActionCount>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts.Add(new AuditActionCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                }

                return counts;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<ChainedAuditRecord>> QueryAsync(string tail, string? conversationId, int? limit, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ChainedAuditRecord>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(AuditTable.SelectColumns + tail, connection);
                if (conversationId is not null)
                {
                    command.Parameters.AddWithValue("conversation", conversationId);
                }

                if (limit is not null)
                {
                    command.Parameters.AddWithValue("limit", limit.Value);
                }

                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var records = new List<ChainedAuditRecord>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    records.Add(AuditTable.Read(reader));
                }

                return records;
            },
            cancellationToken);

    /// <summary>Writes the queued appends, chains what is waiting and stops the chainer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        await _chainer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Writes the queued appends, chains what is waiting and stops the chainer.</summary>
    public void Dispose()
    {
        _batcher.Dispose();
        _chainer.Dispose();
    }
}
