using Npgsql;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>Conversation references and account links in PostgreSQL. References are kept as Newtonsoft JSON, the form Bot Framework itself uses.</summary>
public sealed class PostgresConversationStore : IConversationStore
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;

    public PostgresConversationStore(PostgresDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var conversationId = reference.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new ArgumentException("The conversation reference has no conversation id.", nameof(reference));
        }

        var json = JsonConvert.SerializeObject(reference);
        var now = PostgresTime.ToText(_timeProvider.GetUtcNow());
        return _database.WriteOneAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO conversations (conversation_id, reference_json, account_id, created_at, updated_at)
                    VALUES (@id, @json, NULL, @now, @now)
                    ON CONFLICT (conversation_id) DO UPDATE SET reference_json = excluded.reference_json, updated_at = excluded.updated_at;
                    """;
                command.Parameters.AddWithValue("id", conversationId);
                command.Parameters.AddWithValue("json", json);
                command.Parameters.AddWithValue("now", now);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT reference_json, account_id, created_at FROM conversations WHERE conversation_id = @id;";
                command.Parameters.AddWithValue("id", conversationId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return null;
                }

                var reference = JsonConvert.DeserializeObject<ConversationReference>(reader.GetString(0))
                    ?? throw new InvalidDataException($"The stored reference of conversation '{conversationId}' is empty.");
                return new ConversationRecord(
                    conversationId,
                    reference,
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    PostgresTime.FromText(reader.GetString(2)));
            },
            cancellationToken);
    }

    public Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var now = PostgresTime.ToText(_timeProvider.GetUtcNow());
        return _database.WriteOneAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE conversations SET account_id = @account, updated_at = @now WHERE conversation_id = @id;";
                command.Parameters.AddWithValue("id", conversationId);
                command.Parameters.AddWithValue("account", accountId);
                command.Parameters.AddWithValue("now", now);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _database.ReadAsync<IReadOnlyList<ConversationSummary>>(
            async (connection, ct) =>
            {
                // Last activity: the conversation row's own update (a customer message, a link), its last transcript line (any
                // sender) and its last held message; GREATEST skips the NULLs of a conversation without lines or holds.
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT c.conversation_id, c.account_id, c.created_at,
                        GREATEST(
                            c.updated_at::timestamptz,
                            (SELECT to_timestamp((MAX(t.time_utc_ticks) - 621355968000000000) / 10000000.0) FROM transcript_entries t WHERE t.conversation_id = c.conversation_id),
                            (SELECT MAX(h.held_at::timestamptz) FROM held_messages h WHERE h.conversation_id = c.conversation_id)) AS last_activity
                    FROM conversations c
                    ORDER BY last_activity DESC, c.conversation_id
                    LIMIT @limit;
                    """;
                command.Parameters.AddWithValue("limit", limit);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var list = new List<ConversationSummary>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    list.Add(new ConversationSummary(
                        reader.GetString(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        PostgresTime.FromText(reader.GetString(2)),
                        new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc))));
                }

                return list;
            },
            cancellationToken);
    }
}
