using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.AgentConsole;

/// <summary>The registered decision recorder, telling <see cref="IConversationEvents"/> of the transcript line or the held message once it is stored.</summary>
public sealed class NotifyingDecisionRecorder : IDecisionRecorder
{
    private readonly IDecisionRecorder _inner;
    private readonly IConversationEvents _events;

    public NotifyingDecisionRecorder(IDecisionRecorder inner, IConversationEvents events)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (!await _inner.RecordAsync(line, record, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (line is not null)
        {
            await _events.TranscriptLineAddedAsync(line, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default)
    {
        var held = await _inner.HoldAsync(message, record, cancellationToken).ConfigureAwait(false);
        await _events.MessageHeldAsync(held, cancellationToken).ConfigureAwait(false);
        return held;
    }
}
