using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Middleware.Audit;

/// <summary>
/// Records a decision through the transcript store (or the held-message store) and the audit log. A line and its record
/// are asked at once (the turn waits for the slower, not for both in turn); a held message is stored before its record
/// says so. Stores that share one database can do better in one commit (the PostgreSQL recorder).
/// </summary>
public sealed class DecisionRecorder : IDecisionRecorder
{
    private readonly IAgentTranscriptStore _transcript;
    private readonly IAuditLog _audit;
    private readonly IHeldMessageStore? _held;

    /// <param name="transcript">Where lines go.</param>
    /// <param name="audit">Where records go.</param>
    /// <param name="held">Where held messages go; without one (a recorder of customer messages, which are never held), <see cref="HoldAsync"/> refuses.</param>
    public DecisionRecorder(IAgentTranscriptStore transcript, IAuditLog audit, IHeldMessageStore? held = null)
    {
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _held = held;
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

    /// <inheritdoc />
    public async Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(record);
        var held = _held ?? throw new InvalidOperationException("This decision recorder has no held-message store; nothing was held.");
        var stored = await held.AddAsync(message.MessageId, message.ConversationId, message.ActivityJson, message.SenderRole, message.Reasons, message.HeldAt, cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return stored;
    }
}
