using Npgsql;
using SupportShield.Detection.Policy;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// Held messages in PostgreSQL. The sequence is the table's identity column, so it only grows. A state change is one
/// conditional UPDATE (<c>WHERE message_id = … AND state = 'Held'</c>): PostgreSQL re-checks the condition after waiting
/// for a concurrent writer's row lock, so two hosts racing to claim one message cannot both win.
/// </summary>
public sealed class PostgresHeldMessageStore : IHeldMessageStore
{
    private const string SelectColumns =
        "SELECT sequence, message_id, conversation_id, activity_json, sender_role, reasons_json, held_at, state FROM held_messages";

    private readonly PostgresDatabase _database;

    public PostgresHeldMessageStore(PostgresDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public async Task<HeldMessage> AddAsync(
        string messageId,
        string conversationId,
        string activityJson,
        string senderRole,
        IReadOnlyList<DecisionReason> reasons,
        DateTimeOffset heldAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityJson);
        ArgumentException.ThrowIfNullOrEmpty(senderRole);
        ArgumentNullException.ThrowIfNull(reasons);
        var message = new NewHeldMessage(messageId, conversationId, activityJson, senderRole, reasons, heldAt);
        try
        {
            var sequence = await _database.WriteOneAsync(
                async (connection, ct) =>
                {
                    await using var batch = new NpgsqlBatch(connection) { BatchCommands = { AddCommand(message) } };
                    return (long)(await batch.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                },
                cancellationToken).ConfigureAwait(false);
            return message.Stored(sequence);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw AlreadyHeld(messageId, exception);
        }
    }

    /// <summary>The statement that holds <paramref name="message"/>, returning its sequence.</summary>
    internal static NpgsqlBatchCommand AddCommand(NewHeldMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var command = new NpgsqlBatchCommand("""
            INSERT INTO held_messages (message_id, conversation_id, activity_json, sender_role, reasons_json, held_at, state)
            VALUES (@id, @conversation, @activity, @role, @reasons, @heldAt, 'Held')
            RETURNING sequence;
            """);
        command.Parameters.AddWithValue("id", message.MessageId);
        command.Parameters.AddWithValue("conversation", message.ConversationId);
        command.Parameters.AddWithValue("activity", message.ActivityJson);
        command.Parameters.AddWithValue("role", message.SenderRole);
        command.Parameters.AddWithValue("reasons", PostgresJson.Serialize(message.Reasons));
        command.Parameters.AddWithValue("heldAt", PostgresTime.ToText(message.HeldAt));
        return command;
    }

    /// <summary>The error for a second message held under <paramref name="messageId"/>.</summary>
    internal static InvalidOperationException AlreadyHeld(string messageId, PostgresException exception) =>
        new($"A held message with id '{messageId}' already exists; the new one was not stored.", exception);

    public Task<IReadOnlyList<HeldMessage>> ListHeldAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ListAsync(conversationId, onlyHeld: true, cancellationToken);

    public Task<IReadOnlyList<HeldMessage>> ListAllAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ListAsync(conversationId, onlyHeld: false, cancellationToken);

    /// <summary>One message by id, any state, or null.</summary>
    public Task<HeldMessage?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return _database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectColumns + " WHERE message_id = @id;";
                command.Parameters.AddWithValue("id", messageId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
            },
            cancellationToken);
    }

    public Task<bool> TryClaimAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return ChangeStateAsync(messageId, HeldMessageState.Held, HeldMessageState.Releasing, releasedAt: null, cancellationToken);
    }

    public async Task MarkReleasedAsync(string messageId, DateTimeOffset releasedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        if (!await ChangeStateAsync(messageId, HeldMessageState.Releasing, HeldMessageState.Released, releasedAt, cancellationToken).ConfigureAwait(false))
        {
            // Releasing a message nobody claimed would skip the check that it was sent exactly once.
            throw new InvalidOperationException($"Held message '{messageId}' is not claimed (Releasing), so it cannot be marked Released.");
        }
    }

    public async Task ReturnToHeldAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        if (!await ChangeStateAsync(messageId, HeldMessageState.Releasing, HeldMessageState.Held, releasedAt: null, cancellationToken).ConfigureAwait(false))
        {
            // A released message must never become deliverable a second time.
            throw new InvalidOperationException($"Held message '{messageId}' is not claimed (Releasing), so it cannot be returned to Held.");
        }
    }

    public Task<bool> UpdateReasonsAsync(string messageId, IReadOnlyList<DecisionReason> reasons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(reasons);
        var reasonsJson = PostgresJson.Serialize(reasons);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE held_messages SET reasons_json = @reasons WHERE message_id = @id;";
                command.Parameters.AddWithValue("id", messageId);
                command.Parameters.AddWithValue("reasons", reasonsJson);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    private Task<bool> ChangeStateAsync(string messageId, HeldMessageState from, HeldMessageState to, DateTimeOffset? releasedAt, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    UPDATE held_messages SET state = @to, released_at = @releasedAt
                    WHERE message_id = @id AND state = @from;
                    """;
                command.Parameters.AddWithValue("id", messageId);
                command.Parameters.AddWithValue("from", from.ToString());
                command.Parameters.AddWithValue("to", to.ToString());
                command.Parameters.AddWithValue("releasedAt", releasedAt is { } at ? PostgresTime.ToText(at) : DBNull.Value);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    private Task<IReadOnlyList<HeldMessage>> ListAsync(string conversationId, bool onlyHeld, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _database.ReadAsync<IReadOnlyList<HeldMessage>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = SelectColumns
                    + " WHERE conversation_id = @conversation"
                    + (onlyHeld ? " AND state = 'Held'" : string.Empty)
                    + " ORDER BY sequence;";
                command.Parameters.AddWithValue("conversation", conversationId);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var messages = new List<HeldMessage>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    messages.Add(Read(reader));
                }

                return messages;
            },
            cancellationToken);
    }

    private static HeldMessage Read(NpgsqlDataReader reader) => new(
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(0),
        reader.GetString(3),
        reader.GetString(4),
        PostgresJson.Deserialize<DecisionReason[]>(reader.GetString(5), "held message reasons"),
        PostgresTime.FromText(reader.GetString(6)),
        Enum.Parse<HeldMessageState>(reader.GetString(7)));
}
