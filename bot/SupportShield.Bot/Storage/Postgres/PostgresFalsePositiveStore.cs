using Npgsql;
using SupportShield.Bot.FalsePositives;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>False-positive reports in PostgreSQL.</summary>
public sealed class PostgresFalsePositiveStore : IFalsePositiveStore
{
    private readonly PostgresDatabase _database;

    public PostgresFalsePositiveStore(PostgresDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
    }

    public Task AddAsync(FalsePositiveReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO false_positive_reports (report_id, conversation_id, message_id, agent_id, masked_note, reasons_json,
                        entity_types_json, masked_preview, reported_at, reported_at_ticks)
                    VALUES (@id, @conversation, @message, @agent, @note, @reasons, @types, @preview, @at, @ticks);
                    """;
                command.Parameters.AddWithValue("id", report.ReportId);
                command.Parameters.AddWithValue("conversation", report.ConversationId);
                command.Parameters.AddWithValue("message", report.MessageId);
                command.Parameters.AddWithValue("agent", report.AgentId);
                command.Parameters.AddWithValue("note", (object?)report.MaskedNote ?? DBNull.Value);
                command.Parameters.AddWithValue("reasons", PostgresJson.Serialize(report.Rules));
                command.Parameters.AddWithValue("types", PostgresJson.Serialize(report.EntityTypes));
                command.Parameters.AddWithValue("preview", report.MaskedPreview);
                command.Parameters.AddWithValue("at", PostgresTime.ToText(report.ReportedAt));
                command.Parameters.AddWithValue("ticks", report.ReportedAt.UtcTicks);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> reports, newest first.</summary>
    public Task<IReadOnlyList<FalsePositiveReport>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _database.ReadAsync<IReadOnlyList<FalsePositiveReport>>(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT report_id, conversation_id, message_id, agent_id, masked_note, reasons_json, entity_types_json, masked_preview, reported_at
                    FROM false_positive_reports ORDER BY reported_at_ticks DESC, id DESC LIMIT @limit;
                    """;
                command.Parameters.AddWithValue("limit", limit);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var reports = new List<FalsePositiveReport>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    reports.Add(new FalsePositiveReport(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        PostgresJson.Deserialize<FiredRule[]>(reader.GetString(5), "false-positive rules"),
                        PostgresJson.Deserialize<string[]>(reader.GetString(6), "false-positive entity types"),
                        reader.GetString(7),
                        PostgresTime.FromText(reader.GetString(8))));
                }

                return reports;
            },
            cancellationToken);
    }
}
