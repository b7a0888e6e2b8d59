using Npgsql;
using NpgsqlTypes;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>The statements that write an audit record: into the inbox, where it waits, and into the chain.</summary>
internal static class PostgresAuditRows
{
    /// <summary>The insert of a record into <c>audit_inbox</c>.</summary>
    public static NpgsqlBatchCommand InsertWaiting(AuditRecord record)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_inbox (conversation_id, time, time_utc_ticks, direction, action,
                entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id, actor)
            VALUES (@conversation, @time, @ticks, @direction, @action, @types, @rules, @preview, @hashes, @message, @actor);
            """);
        AddRecord(command.Parameters, record);
        return command;
    }

    /// <summary>The insert of a record into the chain, after the record whose hash is <paramref name="previous"/>.</summary>
    public static NpgsqlBatchCommand InsertChained(AuditRecord record, string previous, string hash)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action,
                entity_types_json, rule_ids_json, masked_preview, value_hashes_json, message_id, actor, previous_hash, hash)
            VALUES (@conversation, @time, @ticks, @direction, @action, @types, @rules, @preview, @hashes, @message, @actor, @previous, @hash);
            """);
        AddRecord(command.Parameters, record);
        command.Parameters.AddWithValue("previous", previous);
        command.Parameters.AddWithValue("hash", hash);
        return command;
    }

    private static void AddRecord(NpgsqlParameterCollection parameters, AuditRecord record)
    {
        parameters.AddWithValue("conversation", record.ConversationId);
        parameters.AddWithValue("time", PostgresTime.ToText(record.Time));
        parameters.AddWithValue("ticks", record.Time.UtcTicks);
        parameters.AddWithValue("direction", record.Direction);
        parameters.AddWithValue("action", record.Action);
        parameters.AddWithValue("types", PostgresJson.Serialize(record.EntityTypes));
        parameters.AddWithValue("rules", PostgresJson.Serialize(record.RuleIds));
        parameters.Add(Text("preview", record.MaskedPreview));
        parameters.AddWithValue("hashes", PostgresJson.Serialize(record.ValueHashes));
        parameters.Add(Text("message", record.MessageId));
        parameters.Add(Text("actor", record.Actor));
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
