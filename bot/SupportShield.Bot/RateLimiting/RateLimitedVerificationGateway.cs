using Microsoft.Bot.Builder;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Puts the per-conversation and per-account limits on verification starts that a customer's messages trigger (agent
/// starts are limited at the agent API, which answers 429). Over the limit the customer is told when to try again.
/// </summary>
public sealed class RateLimitedVerificationGateway : IVerificationGateway
{
    /// <summary>What the customer is told when a start is refused because the shared counters cannot be reached.</summary>
    public const string VerificationUnavailable =
        "Identity verification is unavailable for a moment, so no code was sent. Please try again in a few minutes.";

    private readonly IVerificationGateway _inner;
    private readonly SupportShieldRateLimiter _limiter;
    private readonly IConversationStore _conversations;

    public RateLimitedVerificationGateway(IVerificationGateway inner, SupportShieldRateLimiter limiter, IConversationStore conversations)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
    }

    /// <inheritdoc />
    public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _inner.GetStatusAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        _inner.TryHandleCustomerMessageAsync(turnContext, cancellationToken);

    /// <inheritdoc />
    public async Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        // A start while one is pending only reminds the customer; agent starts are limited at the agent API.
        if (!string.Equals(trigger, "agent", StringComparison.Ordinal)
            && (await _inner.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false)).State != VerificationState.Pending)
        {
            var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
            var decision = await _limiter.TryAcquireVerificationStartAsync(conversationId, record?.AccountId, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                var text = decision.StoreUnavailable ? VerificationUnavailable : VerificationMessages.RateLimited(decision.RetryAfter);
                await turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.RateLimited;
            }
        }

        return await _inner.StartAsync(turnContext, trigger, cancellationToken).ConfigureAwait(false);
    }
}
