using Microsoft.Bot.Builder;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// The registered verification gateway, telling <see cref="IConversationEvents"/> when verification starts or a customer
/// message changed it (a code, a contact, an identity token): the state, and the held messages, which a successful
/// verification has just released.
/// </summary>
public sealed class NotifyingVerificationGateway : IVerificationGateway
{
    private readonly IVerificationGateway _inner;
    private readonly IConversationEvents _events;

    public NotifyingVerificationGateway(IVerificationGateway inner, IConversationEvents events)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <inheritdoc />
    public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _inner.GetStatusAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var before = await _inner.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var handled = await _inner.TryHandleCustomerMessageAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var after = await _inner.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (handled || before != after)
        {
            await _events.VerificationChangedAsync(conversationId, cancellationToken).ConfigureAwait(false);
            await _events.HeldMessagesChangedAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }

        return handled;
    }

    /// <inheritdoc />
    public async Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var result = await _inner.StartAsync(turnContext, trigger, cancellationToken).ConfigureAwait(false);
        await _events.VerificationChangedAsync(turnContext.Activity.Conversation.Id, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
