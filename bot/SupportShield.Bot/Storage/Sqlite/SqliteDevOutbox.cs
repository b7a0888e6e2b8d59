using SupportShield.Bot.Email;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Storage.Sqlite;

/// <summary>
/// Emails kept instead of sent, for development without a mail server. Part of the message path: the bodies may
/// hold one-time codes, which is the point, and why the outbox is only ever shown to loopback callers.
/// </summary>
public sealed class SqliteDevOutbox : IDevOutbox
{
    private readonly SqliteDatabase _database;

    public SqliteDevOutbox(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public Task AddAsync(EmailMessage message, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.To);
        ArgumentNullException.ThrowIfNull(message.Subject);
        ArgumentNullException.ThrowIfNull(message.Body);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO dev_outbox (recipient, subject, body, time, time_utc_ticks)
                    VALUES ($to, $subject, $body, $time, $ticks);
                    """;
                command.Parameters.AddWithValue("$to", message.To);
                command.Parameters.AddWithValue("$subject", message.Subject);
                command.Parameters.AddWithValue("$body", message.Body);
                command.Parameters.AddWithValue("$time", SqliteTime.ToText(time));
                command.Parameters.AddWithValue("$ticks", time.UtcTicks);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> emails, newest first.</summary>
    public Task<IReadOnlyList<DevOutboxEmail>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.ReadAsync<IReadOnlyList<DevOutboxEmail>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT recipient, subject, body, time FROM dev_outbox ORDER BY time_utc_ticks DESC, id DESC LIMIT $limit;";
                command.Parameters.AddWithValue("$limit", limit);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var emails = new List<DevOutboxEmail>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    emails.Add(new DevOutboxEmail(reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteTime.FromText(reader.GetString(3))));
                }

                return emails;
            },
            cancellationToken);
    }
}
