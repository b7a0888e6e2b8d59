using SupportShield.Detection.Policy;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// The registered held-message store, telling <see cref="IConversationEvents"/> of every new hold once it is stored.
/// Releases are reported where they happen (<see cref="NotifyingVerificationGateway"/>, the override service), which know the conversation.
/// </summary>
public sealed class NotifyingHeldMessageStore : IHeldMessageStore
{
    private readonly IHeldMessageStore _inner;
    private readonly IConversationEvents _events;

    public NotifyingHeldMessageStore(IHeldMessageStore inner, IConversationEvents events)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <inheritdoc />
    public async Task<HeldMessage> AddAsync(string messageId, string conversationId, string activityJson, string senderRole, IReadOnlyList<DecisionReason> reasons, DateTimeOffset heldAt, CancellationToken cancellationToken = default)
    {
        var message = await _inner.AddAsync(messageId, conversationId, activityJson, senderRole, reasons, heldAt, cancellationToken).ConfigureAwait(false);
        await _events.MessageHeldAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HeldMessage>> ListHeldAsync(string conversationId, CancellationToken cancellationToken = default) => _inner.ListHeldAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<HeldMessage>> ListAllAsync(string conversationId, CancellationToken cancellationToken = default) => _inner.ListAllAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string messageId, CancellationToken cancellationToken = default) => _inner.TryClaimAsync(messageId, cancellationToken);

    /// <inheritdoc />
    public Task MarkReleasedAsync(string messageId, DateTimeOffset releasedAt, CancellationToken cancellationToken = default) => _inner.MarkReleasedAsync(messageId, releasedAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateReasonsAsync(string messageId, IReadOnlyList<DecisionReason> reasons, CancellationToken cancellationToken = default) => _inner.UpdateReasonsAsync(messageId, reasons, cancellationToken);

    /// <inheritdoc />
    public Task ReturnToHeldAsync(string messageId, CancellationToken cancellationToken = default) => _inner.ReturnToHeldAsync(messageId, cancellationToken);
}
