using Npgsql;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// Records a decision in PostgreSQL in one round trip and one commit: the transcript line (with its processed mark for a
/// customer activity) and the audit record's insert into the inbox go in one batch, which the server runs as one
/// implicit transaction (both or neither). The audit chainer links the record afterwards, as for any append.
/// </summary>
public sealed class PostgresDecisionRecorder : IDecisionRecorder
{
    private readonly PostgresDatabase _database;
    private readonly PostgresAuditLog _audit;

    public PostgresDecisionRecorder(PostgresDatabase database, PostgresAuditLog audit)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
    }

    /// <inheritdoc />
    public Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default)
    {
        var normalised = AuditRecordChecks.Normalise(record);
        if (line is not null)
        {
            PostgresTranscriptStore.Check(line);
        }

        // A caller that stops waiting does not take its writes back: they run to their end either way.
        return WriteAsync(line, normalised).WaitAsync(cancellationToken);
    }

    private async Task<bool> WriteAsync(TranscriptEntry? line, AuditRecord record)
    {
        var appended = await _database.WriteOneAsync(
            async (connection, ct) =>
            {
                await using var batch = new NpgsqlBatch(connection);
                if (line is not null)
                {
                    batch.BatchCommands.Add(PostgresTranscriptStore.AppendCommand(line));
                }

                batch.BatchCommands.Add(PostgresAuditRows.InsertWaiting(record));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return line is null || batch.BatchCommands[0].RecordsAffected == 1;
            },
            CancellationToken.None).ConfigureAwait(false);
        _audit.NotifyWaiting();
        return appended;
    }
}
