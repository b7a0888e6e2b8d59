using Npgsql;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// The audit log in PostgreSQL. Append-only by design: this type has no way to change or remove a record, and the
/// table's triggers refuse UPDATE, DELETE and TRUNCATE from anyone else. Each record is chained to the one before it
/// (<see cref="AuditChain"/>). Appends from every host sharing the database serialise on one transaction-scoped
/// advisory lock (<c>pg_advisory_xact_lock</c>): the previous hash is read and the record inserted while it is held, so
/// the chain has one head and ids follow chain order. While no other host appends, a batch is one round trip: its rows
/// are chained to the head this host wrote last, and each is inserted only if the head is still the one it follows
/// (otherwise none is, and the batch is written again from the head read under the lock).
/// </summary>
public sealed class PostgresAuditLog : IAuditChainStore, IAuditActionCounts, IAsyncDisposable, IDisposable
{
    /// <summary>How long after seeing another host's append this one reads the head before every batch.</summary>
    private static readonly TimeSpan OtherWriterQuietPeriod = TimeSpan.FromSeconds(5);

    private readonly PostgresDatabase _database;
    private readonly AuditAppendBatcher _batcher;

    // Written only by the batcher's single writer loop.
    private string? _lastHash;
    private long _otherWriterSeenAt = long.MinValue / 2;

    public PostgresAuditLog(PostgresDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _batcher = new AuditAppendBatcher(WriteManyAsync);
    }

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => _batcher.AppendAsync(record, cancellationToken);

    /// <summary>
    /// Appends <paramref name="records"/> in order, each chained to the one before: in one round trip when the chain head is
    /// still the last one this host wrote, otherwise in one transaction of three (the lock with the head, the rows, the commit).
    /// </summary>
    private async Task<int> WriteManyAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        var quiet = Environment.TickCount64 - _otherWriterSeenAt > (long)OtherWriterQuietPeriod.TotalMilliseconds;
        var head = _lastHash;
        if (head is not null && quiet && await TryAppendAfterAsync(head, records, cancellationToken).ConfigureAwait(false) is { } last)
        {
            _lastHash = last;
            return records.Count;
        }

        _lastHash = null;
        var (previous, written) = await AppendUnderLockAsync(records, cancellationToken).ConfigureAwait(false);
        if (head is not null && !string.Equals(previous, head, StringComparison.Ordinal))
        {
            _otherWriterSeenAt = Environment.TickCount64;
        }

        _lastHash = written;
        return records.Count;
    }

    /// <summary>
    /// One batch, one implicit transaction: the chain lock, then each row inserted only if the head is the hash it follows.
    /// The hash of the last row when all were written; null when the head had moved (another host appended), and then
    /// none was.
    /// </summary>
    private Task<string?> TryAppendAfterAsync(string head, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        _database.WriteOneAsync<string?>(
            async (connection, ct) =>
            {
                await using var batch = new NpgsqlBatch(connection);
                var gate = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key);");
                gate.Parameters.AddWithValue("key", PostgresDatabase.AuditChainLockKey);
                batch.BatchCommands.Add(gate);
                var previous = head;
                foreach (var record in records)
                {
                    var hash = AuditChain.ComputeHash(previous, record);
                    batch.BatchCommands.Add(InsertRow(record, previous, hash, conditional: true));
                    previous = hash;
                }

                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                for (var i = 1; i < batch.BatchCommands.Count; i++)
                {
                    if (batch.BatchCommands[i].RecordsAffected != 1)
                    {
                        return null;
                    }
                }

                return previous;
            },
            cancellationToken);

    /// <summary>Appends under the chain lock after reading the head; the head it followed and the hash of the last row.</summary>
    private Task<(string Previous, string Last)> AppendUnderLockAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                string head;
                await using (var lookup = new NpgsqlBatch(connection, transaction))
                {
                    var gate = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key);");
                    gate.Parameters.AddWithValue("key", PostgresDatabase.AuditChainLockKey);
                    lookup.BatchCommands.Add(gate);
                    lookup.BatchCommands.Add(new NpgsqlBatchCommand("SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1;"));
                    await using var reader = await lookup.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);

                    // A missing hash on the last record (tampering) is left for verify to report; the chain goes on from genesis.
                    head = await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetString(0) : AuditChain.Genesis;
                }

                await using var rows = new NpgsqlBatch(connection, transaction);
                var previous = head;
                foreach (var record in records)
                {
                    var hash = AuditChain.ComputeHash(previous, record);
                    rows.BatchCommands.Add(InsertRow(record, previous, hash, conditional: false));
                    previous = hash;
                }

                await rows.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return (head, previous);
            },
            cancellationToken);

    /// <summary>The insert of one chained row; when <paramref name="conditional"/>, only if the chain head is <paramref name="previous"/>.</summary>
    private static NpgsqlBatchCommand InsertRow(AuditRecord record, string previous, string hash, bool conditional)
    {
        var command = new NpgsqlBatchCommand(conditional
            ? """
                INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action,
                    entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id, actor, previous_hash, hash)
                SELECT @conversation, @time, @ticks, @direction, @action, @types, @rules, @preview, @hashes, @message, @actor, @previous, @hash
                WHERE COALESCE((SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1), @genesis) = @previous;
                """
            : """
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
        if (conditional)
        {
            command.Parameters.AddWithValue("genesis", AuditChain.Genesis);
        }

        return command;
    }

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
