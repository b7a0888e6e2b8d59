using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// Records one screening decision with its audit record: the transcript line it put in front of the agent (if any), or
/// the message it held. Everything is committed before the call returns; a failure of any write fails the call, so the
/// message path fails closed.
/// </summary>
public interface IDecisionRecorder
{
    /// <summary>
    /// Appends <paramref name="line"/> (as <see cref="IAgentTranscriptStore.TryAppendAsync"/>: a customer activity already
    /// recorded is not stored again) and <paramref name="record"/>. False when the line was such a repeat; the audit
    /// record is written either way.
    /// </summary>
    Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds <paramref name="message"/> (as <see cref="IHeldMessageStore.AddAsync"/>: an id already held is refused with
    /// <see cref="InvalidOperationException"/>) and appends <paramref name="record"/>; the message as stored.
    /// </summary>
    Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default);
}
