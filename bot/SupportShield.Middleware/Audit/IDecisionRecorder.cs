using SupportShield.Middleware.Transcripts;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// Records one screening decision: the transcript line it put in front of the agent (if any) and its audit record. Both
/// are committed before the call returns; a failure of either fails the call, so the message path fails closed.
/// </summary>
public interface IDecisionRecorder
{
    /// <summary>
    /// Appends <paramref name="line"/> (as <see cref="IAgentTranscriptStore.TryAppendAsync"/>: a customer activity already
    /// recorded is not stored again) and <paramref name="record"/>. False when the line was such a repeat; the audit
    /// record is written either way.
    /// </summary>
    Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default);
}
