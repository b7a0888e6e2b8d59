using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// The audit log in SQLite. Append-only by design: this type has no way to change or remove a record, and the
/// table's triggers refuse UPDATE and DELETE from anyone else.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _database;

    public SqliteAuditLog(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.ConversationId);
        ArgumentNullException.ThrowIfNull(record.Direction);
        ArgumentNullException.ThrowIfNull(record.Action);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action,
                        entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id)
                    VALUES ($conversation, $time, $ticks, $direction, $action, $types, $rules, $preview, $hashes, $message);
                    """;
                command.Parameters.AddWithValue("$conversation", record.ConversationId);
                command.Parameters.AddWithValue("$time", SqliteTime.ToText(record.Time));
                command.Parameters.AddWithValue("$ticks", record.Time.UtcTicks);
                command.Parameters.AddWithValue("$direction", record.Direction);
                command.Parameters.AddWithValue("$action", record.Action);
                command.Parameters.AddWithValue("$types", SqliteJson.Serialize(record.EntityTypes ?? []));
                command.Parameters.AddWithValue("$rules", SqliteJson.Serialize(record.RuleIds ?? []));
                command.Parameters.AddWithValue("$preview", (object?)record.MaskedPreview ?? DBNull.Value);
                command.Parameters.AddWithValue("$hashes", SqliteJson.Serialize(record.ValueHashes ?? []));
                command.Parameters.AddWithValue("$message", (object?)record.MessageId ?? DBNull.Value);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _database.ReadAsync<IReadOnlyList<AuditRecord>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT time, direction, action, entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id
                    FROM audit_records WHERE conversation_id = $conversation ORDER BY time_utc_ticks, id;
                    """;
                command.Parameters.AddWithValue("$conversation", conversationId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var records = new List<AuditRecord>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    records.Add(new AuditRecord(
                        SqliteTime.FromText(reader.GetString(0)),
                        conversationId,
                        reader.GetString(1),
                        reader.GetString(2),
                        SqliteJson.Deserialize<string[]>(reader.GetString(3), "entity types"),
                        SqliteJson.Deserialize<string[]>(reader.GetString(4), "rule ids"),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        SqliteJson.Deserialize<string[]>(reader.GetString(6), "value hashes"),
                        reader.IsDBNull(7) ? null : reader.GetString(7)));
                }

                return records;
            },
            cancellationToken);
    }
}
