using Npgsql;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>Transcript lines in PostgreSQL.</summary>
public sealed class PostgresTranscriptStore : IAgentTranscriptStore
{
    private readonly PostgresDatabase _database;

    public PostgresTranscriptStore(PostgresDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default) => TryAppendAsync(entry, cancellationToken);

    /// <summary>
    /// Appends the line; a line of a customer activity (<see cref="TranscriptEntry.ActivityId"/>) is stored only when the
    /// activity is not yet in <c>processed_activities</c>, which it joins in the same statement (false: already there).
    /// </summary>
    public Task<bool> TryAppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        Check(entry);
        return _database.WriteOneAsync(
            async (connection, ct) =>
            {
                // One statement (the mark and the line together, or neither), so it needs no BEGIN … COMMIT round trip.
                await using var batch = new NpgsqlBatch(connection);
                batch.BatchCommands.Add(AppendCommand(entry));
                return await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    /// <summary>Refuses a line without conversation or text.</summary>
    internal static void Check(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.ConversationId);
        ArgumentNullException.ThrowIfNull(entry.Text);
    }

    /// <summary>
    /// The statement that appends <paramref name="entry"/>: for a customer activity, the processed mark and the line
    /// together, the line only if the mark was new (one row affected when stored, none for a repeat).
    /// </summary>
    internal static NpgsqlBatchCommand AppendCommand(TranscriptEntry entry)
    {
        var command = new NpgsqlBatchCommand(string.IsNullOrEmpty(entry.ActivityId)
            ? """
                INSERT INTO transcript_entries (conversation_id, role, text, time, time_utc_ticks)
                VALUES (@conversation, @role, @text, @time, @ticks);
                """
            : """
                WITH mark AS (
                    INSERT INTO processed_activities (conversation_id, activity_id, processed_at)
                    VALUES (@conversation, @activity, @time) ON CONFLICT DO NOTHING
                    RETURNING 1)
                INSERT INTO transcript_entries (conversation_id, role, text, time, time_utc_ticks)
                SELECT @conversation, @role, @text, @time, @ticks WHERE EXISTS (SELECT 1 FROM mark);
                """);
        command.Parameters.AddWithValue("conversation", entry.ConversationId);
        command.Parameters.AddWithValue("role", entry.Role.ToString());
        command.Parameters.AddWithValue("text", entry.Text);
        command.Parameters.AddWithValue("time", PostgresTime.ToText(entry.Time));
        command.Parameters.AddWithValue("ticks", entry.Time.UtcTicks);
        if (!string.IsNullOrEmpty(entry.ActivityId))
        {
            command.Parameters.AddWithValue("activity", entry.ActivityId);
        }

        return command;
    }

    /// <summary>Whether the customer activity <paramref name="activityId"/> of the conversation has been recorded.</summary>
    public Task<bool> ContainsActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(activityId);
        return _database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1 FROM processed_activities WHERE conversation_id = @conversation AND activity_id = @activity;";
                command.Parameters.AddWithValue("conversation", conversationId);
                command.Parameters.AddWithValue("activity", activityId);
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default) =>
        QueryAsync(conversationId, """
            SELECT role, text, time FROM transcript_entries
            WHERE conversation_id = @conversation ORDER BY time_utc_ticks, id;
            """, count: null, cancellationToken);

    public async Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var newestFirst = await QueryAsync(conversationId, """
            SELECT role, text, time FROM transcript_entries
            WHERE conversation_id = @conversation ORDER BY time_utc_ticks DESC, id DESC LIMIT @count;
            """, count, cancellationToken).ConfigureAwait(false);
        return newestFirst.Reverse().ToList();
    }

    private Task<IReadOnlyList<TranscriptEntry>> QueryAsync(string conversationId, string sql, int? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _database.ReadAsync<IReadOnlyList<TranscriptEntry>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("conversation", conversationId);
                if (count is { } limit)
                {
                    command.Parameters.AddWithValue("count", limit);
                }

                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var entries = new List<TranscriptEntry>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    entries.Add(new TranscriptEntry(
                        conversationId,
                        Enum.Parse<TranscriptRole>(reader.GetString(0)),
                        reader.GetString(1),
                        PostgresTime.FromText(reader.GetString(2))));
                }

                return entries;
            },
            cancellationToken);
    }
}
