using Npgsql;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// Records a decision in PostgreSQL in one round trip and one commit: the transcript line (with its processed mark for a
/// customer activity), or the held message, and the audit record's insert into the inbox go in one batch, which the
/// server runs as one implicit transaction (both or neither). The audit chainer links the record afterwards, as for any append.
/// </summary>
public sealed class PostgresDecisionRecorder : IDecisionRecorder
{
    private readonly PostgresAuditLog _audit;

    public PostgresDecisionRecorder(PostgresAuditLog audit)
    {
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (line is null)
        {
            await _audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
            return true;
        }

        PostgresTranscriptStore.Check(line);

        // A caller that stops waiting does not take its writes back: they run to their end either way.
        var stored = await _audit.AppendWithAsync(PostgresTranscriptStore.AppendCommand(line), record, CancellationToken.None)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return stored == 1;
    }

    /// <inheritdoc />
    public async Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            // As above, the writes run to their end even when the caller stops waiting.
            var sequence = await _audit.AppendWithValueAsync<long>(PostgresHeldMessageStore.AddCommand(message), record, CancellationToken.None)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return message.Stored(sequence);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.TableName == "held_messages")
        {
            throw PostgresHeldMessageStore.AlreadyHeld(message.MessageId, exception);
        }
    }
}
