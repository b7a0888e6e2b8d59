using Npgsql;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// The audit log in PostgreSQL. Append-only by design: this type has no way to change or remove a record, and the
/// table's triggers refuse UPDATE, DELETE and TRUNCATE from anyone else. Each record is chained to the one before it
/// (<see cref="AuditChain"/>). Appends from every host sharing the database serialise on one transaction-scoped
/// advisory lock (<c>pg_advisory_xact_lock</c>): the previous hash is read and the record inserted while it is held, so
/// the chain has one head and ids follow chain order.
/// </summary>
public sealed class PostgresAuditLog : IAuditChainStore, IAuditActionCounts, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly AuditAppendBatcher _batcher;

    public PostgresAuditLog(PostgresDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _batcher = new AuditAppendBatcher(WriteManyAsync);
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.ConversationId);
        ArgumentNullException.ThrowIfNull(record.Direction);
        ArgumentNullException.ThrowIfNull(record.Action);
        return _batcher.AppendAsync(
            record with
            {
                EntityTypes = record.EntityTypes ?? [],
                RuleIds = record.RuleIds ?? [],
                ValueHashes = record.ValueHashes ?? [],
            },
            cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="records"/> in order, each chained to the one before, in one transaction of three round trips
    /// whatever their number: the chain lock with the last hash, all the rows, the commit.
    /// </summary>
    private Task<int> WriteManyAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                string previous;
                await using (var head = new NpgsqlBatch(connection, transaction))
                {
                    var gate = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key);");
                    gate.Parameters.AddWithValue("key", PostgresDatabase.AuditChainLockKey);
                    head.BatchCommands.Add(gate);
                    head.BatchCommands.Add(new NpgsqlBatchCommand("SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1;"));
                    await using var reader = await head.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);

                    // A missing hash on the last record (tampering) is left for verify to report; the chain goes on from genesis.
                    previous = await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetString(0) : AuditChain.Genesis;
                }

                await using var rows = new NpgsqlBatch(connection, transaction);
                foreach (var record in records)
                {
                    var hash = AuditChain.ComputeHash(previous, record);
                    var command = new NpgsqlBatchCommand(
                        """
                        INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action,
                            entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id, actor, previous_hash, hash)
                        VALUES (@conversation, @time, @ticks, @direction, @action, @types, @rules, @preview, @hashes, @message, @actor, @previous, @hash);
                        """);
                    command.Parameters.AddWithValue("conversation", record.ConversationId);
                    command.Parameters.AddWithValue("time", PostgresTime.ToText(record.Time));
                    command.Parameters.AddWithValue("ticks", record.Time.UtcTicks);
                    command.Parameters.AddWithValue("direction", record.Direction);
                    command.Parameters.AddWithValue("action", record.Action);
                    command.Parameters.AddWithValue("types", PostgresJson.Serialize(record.EntityTypes));
                    command.Parameters.AddWithValue("rules", PostgresJson.Serialize(record.RuleIds));
                    command.Parameters.Add(Text("preview", record.MaskedPreview));
                    command.Parameters.AddWithValue("hashes", PostgresJson.Serialize(record.ValueHashes));
                    command.Parameters.Add(Text("message", record.MessageId));
                    command.Parameters.Add(Text("actor", record.Actor));
                    command.Parameters.AddWithValue("previous", previous);
                    command.Parameters.AddWithValue("hash", hash);
                    rows.BatchCommands.Add(command);
                    previous = hash;
                }

                await rows.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return records.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var stored = await QueryAsync(" WHERE conversation_id = @conversation ORDER BY time_utc_ticks, id;", conversationId, null, cancellationToken).ConfigureAwait(false);
        return stored.Select(s => s.Record).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChainedAuditRecord>> ListRecentAsync(string? conversationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = conversationId is null ? string.Empty : " WHERE conversation_id = @conversation";
        var newest = await QueryAsync(where + " ORDER BY id DESC LIMIT @limit;", conversationId, limit, cancellationToken).ConfigureAwait(false);
        return newest.Reverse().ToList();
    }

    /// <inheritdoc />
    public Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            async (connection, ct) => AuditChain.Verify(await AuditTable.ReadAllAsync(connection, null, ct).ConfigureAwait(false)),
            cancellationToken);

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>Records per (direction, action) with a time in [<paramref name="since"/>, <paramref name="until"/>).</summary>
    public Task<IReadOnlyList<AuditActionCount>> CountActionsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<AuditActionCount>>(
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
            cancellationToken);

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

    /// <summary>Writes what is queued and stops the writer.</summary>
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    /// <summary>Writes what is queued and stops the writer.</summary>
    public void Dispose() => _batcher.Dispose();
}
