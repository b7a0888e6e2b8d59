using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.AgentConsole;

/// <summary>The registered transcript store, telling <see cref="IConversationEvents"/> of every line once it is stored.</summary>
public sealed class NotifyingTranscriptStore : IAgentTranscriptStore
{
    private readonly IAgentTranscriptStore _inner;
    private readonly IConversationEvents _events;

    public NotifyingTranscriptStore(IAgentTranscriptStore inner, IConversationEvents events)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <inheritdoc />
    public async Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        await _inner.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        await _events.TranscriptLineAddedAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryAppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        if (!await _inner.TryAppendAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await _events.TranscriptLineAddedAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task<bool> ContainsActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        _inner.ContainsActivityAsync(conversationId, activityId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default) =>
        _inner.ListRecentAsync(conversationId, count, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(conversationId, cancellationToken);
}
