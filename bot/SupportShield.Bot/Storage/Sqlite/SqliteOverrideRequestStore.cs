using SupportShield.Bot.HoldOverrides;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>Override requests in SQLite. A decision is a conditional update from Pending, so two supervisors cannot both decide.</summary>
public sealed class SqliteOverrideRequestStore : IOverrideRequestStore
{
    private const string SelectColumns =
        "SELECT request_id, conversation_id, message_id, agent_id, masked_justification, status, requested_at, decided_at, decided_by FROM override_requests";

    private readonly SqliteDatabase _database;

    public SqliteOverrideRequestStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public Task AddAsync(OverrideRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO override_requests (request_id, conversation_id, message_id, agent_id, masked_justification, status, requested_at)
                    VALUES ($id, $conversation, $message, $agent, $justification, $status, $at);
                    """;
                command.Parameters.AddWithValue("$id", request.RequestId);
                command.Parameters.AddWithValue("$conversation", request.ConversationId);
                command.Parameters.AddWithValue("$message", request.MessageId);
                command.Parameters.AddWithValue("$agent", request.AgentId);
                command.Parameters.AddWithValue("$justification", request.MaskedJustification);
                command.Parameters.AddWithValue("$status", request.Status.ToString());
                command.Parameters.AddWithValue("$at", SqliteTime.ToText(request.RequestedAt));
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The request, or null.</summary>
    public Task<OverrideRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return _database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectColumns + " WHERE request_id = $id;";
                command.Parameters.AddWithValue("$id", requestId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
            },
            cancellationToken);
    }

    /// <summary>The conversation's requests, oldest first.</summary>
    public Task<IReadOnlyList<OverrideRequest>> ListForConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _database.ReadAsync<IReadOnlyList<OverrideRequest>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectColumns + " WHERE conversation_id = $id ORDER BY requested_at, request_id;";
                command.Parameters.AddWithValue("$id", conversationId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var list = new List<OverrideRequest>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    list.Add(Read(reader));
                }

                return list;
            },
            cancellationToken);
    }

    private static OverrideRequest Read(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        Enum.Parse<OverrideStatus>(reader.GetString(5)),
        SqliteTime.FromText(reader.GetString(6)),
        reader.IsDBNull(7) ? null : SqliteTime.FromText(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    /// <summary>Moves the request from <paramref name="from"/> to <paramref name="decision"/>; false when it was not in <paramref name="from"/>.</summary>
    public Task<bool> TryDecideAsync(string requestId, OverrideStatus from, OverrideStatus decision, string? decidedBy, DateTimeOffset? decidedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    UPDATE override_requests SET status = $to, decided_by = $by, decided_at = $at
                    WHERE request_id = $id AND status = $from;
                    """;
                command.Parameters.AddWithValue("$id", requestId);
                command.Parameters.AddWithValue("$from", from.ToString());
                command.Parameters.AddWithValue("$to", decision.ToString());
                command.Parameters.AddWithValue("$by", (object?)decidedBy ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", decidedAt is { } at ? SqliteTime.ToText(at) : DBNull.Value);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }
}
