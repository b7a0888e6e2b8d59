using SupportShield.Middleware.Transcripts;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// Records a decision through the transcript store and the audit log, the two writes asked at once (the turn waits for
/// the slower, not for both in turn). Stores that share one database can do better in one commit
/// (the PostgreSQL recorder).
/// </summary>
public sealed class DecisionRecorder : IDecisionRecorder
{
    private readonly IAgentTranscriptStore _transcript;
    private readonly IAuditLog _audit;

    public DecisionRecorder(IAgentTranscriptStore transcript, IAuditLog audit)
    {
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var appended = line is null ? Task.FromResult(true) : _transcript.TryAppendAsync(line, cancellationToken);
        var audited = _audit.AppendAsync(record, cancellationToken);
        await Task.WhenAll(appended, audited).ConfigureAwait(false);
        return await appended.ConfigureAwait(false);
    }
}
