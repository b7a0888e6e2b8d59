using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// The audit log in SQLite. Append-only by design: this type has no way to change or remove a record, and the
/// table's triggers refuse UPDATE and DELETE from anyone else. Each record is chained to the one before it
/// (<see cref="AuditChain"/>): the previous hash is read inside the same immediate write transaction as the insert, so
/// appends from any number of requests (or processes) form one chain.
/// </summary>
public sealed class SqliteAuditLog : IAuditChainStore, IAuditActionCounts, IAsyncDisposable, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly AuditAppendBatcher _batcher;

    public SqliteAuditLog(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _batcher = new AuditAppendBatcher(WriteManyAsync);
    }

    /// <inheritdoc />
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => _batcher.AppendAsync(record, cancellationToken);

    /// <summary>Appends <paramref name="records"/> in order, each chained to the one before, in one transaction.</summary>
    private Task<int> WriteManyAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                string previous;
                await using (var last = connection.CreateCommand())
                {
                    last.Transaction = transaction;
                    last.CommandText = "SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1;";
                    // A missing hash on the last record (tampering) is left for verify to report; the chain goes on from genesis.
                    previous = await last.ExecuteScalarAsync(ct).ConfigureAwait(false) as string ?? AuditChain.Genesis;
                }

                foreach (var record in records)
                {
                    var hash = AuditChain.ComputeHash(previous, record);
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action,
                            entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id, actor, previous_hash, hash)
                        VALUES ($conversation, $time, $ticks, $direction, $action, $types, $rules, $preview, $hashes, $message, $actor, $previous, $hash);
                        """;
                    command.Parameters.AddWithValue("$conversation", record.ConversationId);
                    command.Parameters.AddWithValue("$time", SqliteTime.ToText(record.Time));
                    command.Parameters.AddWithValue("$ticks", record.Time.UtcTicks);
                    command.Parameters.AddWithValue("$direction", record.Direction);
                    command.Parameters.AddWithValue("$action", record.Action);
                    command.Parameters.AddWithValue("$types", SqliteJson.Serialize(record.EntityTypes));
                    command.Parameters.AddWithValue("$rules", SqliteJson.Serialize(record.RuleIds));
                    command.Parameters.AddWithValue("$preview", (object?)record.MaskedPreview ?? DBNull.Value);
                    command.Parameters.AddWithValue("$hashes", SqliteJson.Serialize(record.ValueHashes));
                    command.Parameters.AddWithValue("$message", (object?)record.MessageId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$actor", (object?)record.Actor ?? DBNull.Value);
                    command.Parameters.AddWithValue("$previous", previous);
                    command.Parameters.AddWithValue("$hash", hash);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    previous = hash;
                }

                return records.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var stored = await QueryAsync(" WHERE conversation_id = $conversation ORDER BY time_utc_ticks, id;", conversationId, null, cancellationToken).ConfigureAwait(false);
        return stored.Select(s => s.Record).ToList();
    }

    /// <summary>The newest <paramref name="limit"/> records (of one conversation, or of all when null), oldest first, with their chain hashes.</summary>
    public async Task<IReadOnlyList<ChainedAuditRecord>> ListRecentAsync(string? conversationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = conversationId is null ? string.Empty : " WHERE conversation_id = $conversation";
        var newest = await QueryAsync(where + " ORDER BY id DESC LIMIT $limit;", conversationId, limit, cancellationToken).ConfigureAwait(false);
        return newest.Reverse().ToList();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditActionCount>> CountActionsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<AuditActionCount>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT direction, action, COUNT(*) FROM audit_records
                    WHERE time_utc_ticks >= $from AND time_utc_ticks < $to
                    GROUP BY direction, action;
                    """;
                command.Parameters.AddWithValue("$from", since.UtcTicks);
                command.Parameters.AddWithValue("$to", until.UtcTicks);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var counts = new List<AuditActionCount>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts.Add(new AuditActionCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
                }

                return counts;
            },
            cancellationToken);

    /// <summary>Checks the whole chain (see <see cref="AuditChain.Verify"/>).</summary>
    public Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            async (connection, ct) => AuditChain.Verify(await AuditTable.ReadAllAsync(connection, null, ct).ConfigureAwait(false)),
            cancellationToken);

    private Task<IReadOnlyList<ChainedAuditRecord>> QueryAsync(string tail, string? conversationId, int? limit, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<ChainedAuditRecord>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = AuditTable.SelectColumns + tail;
                if (conversationId is not null)
                {
                    command.Parameters.AddWithValue("$conversation", conversationId);
                }

                if (limit is not null)
                {
                    command.Parameters.AddWithValue("$limit", limit.Value);
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
