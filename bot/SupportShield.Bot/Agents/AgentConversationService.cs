using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.RateLimiting;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.Screening;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents;

/// <summary>
/// What agents do to a conversation. Replies go to the customer through the adapter (a proactive turn on the stored
/// conversation reference), so the SupportShield middleware screens them like any other send.
/// </summary>
public sealed class AgentConversationService
{
    private readonly SupportShieldAdapter _adapter;
    private readonly IConversationStore _conversations;
    private readonly IAccountDirectory _accounts;
    private readonly IVerificationGateway _verification;
    private readonly string _botAppId;
    private readonly AgentConversationViews _views;
    private readonly IConversationEvents? _events;

    public AgentConversationService(
        SupportShieldAdapter adapter,
        IConversationStore conversations,
        IAccountDirectory accounts,
        IVerificationGateway verification,
        IConfiguration configuration,
        AgentConversationViews views,
        IConversationEvents? events = null)
    {
        _views = views ?? throw new ArgumentNullException(nameof(views));
        _events = events;
        ArgumentNullException.ThrowIfNull(configuration);
        _adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _verification = verification ?? throw new ArgumentNullException(nameof(verification));
        _botAppId = configuration["MicrosoftAppId"] ?? string.Empty;
    }

    /// <summary>The conversation as an agent sees it, or null when it is unknown.</summary>
    public Task<ConversationView?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        _views.GetAsync(conversationId, cancellationToken);

    /// <summary>
    /// Asks <paramref name="acquire"/> for a permit for the conversation and its linked account. Null when the conversation is
    /// unknown (the caller answers 404 as usual).
    /// </summary>
    public async Task<RateLimitDecision?> TryAcquireAsync(Func<string, string?, CancellationToken, Task<RateLimitDecision>> acquire, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : await acquire(conversationId, record.AccountId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links the conversation to an account.</summary>
    public async Task<LinkResult> LinkAsync(string conversationId, string accountId, CancellationToken cancellationToken)
    {
        if (await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return LinkResult.UnknownConversation;
        }

        if (await _accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            return LinkResult.UnknownAccount;
        }

        await _conversations.LinkAccountAsync(conversationId, accountId, cancellationToken).ConfigureAwait(false);
        if (_events is not null)
        {
            await _events.VerificationChangedAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }

        return LinkResult.Linked;
    }

    /// <summary>Sends an agent's reply through the middleware. Null when the conversation is unknown.</summary>
    public Task<ScreeningOutcome?> SendAsync(string conversationId, string agentId, string text, CancellationToken cancellationToken) =>
        SendAsync(conversationId, agentId, text, heldMessageId: null, onChannelSending: null, onChannelAccepted: null, cancellationToken);

    /// <summary>
    /// Sends an agent's reply through the middleware; when held, it is held under <paramref name="heldMessageId"/> (when
    /// given); for what screening lets through, <paramref name="onChannelSending"/> runs right before the channel send and
    /// <paramref name="onChannelAccepted"/> as soon as the channel accepted it (before the transcript and audit record it).
    /// Null when the conversation is unknown.
    /// </summary>
    public async Task<ScreeningOutcome?> SendAsync(
        string conversationId,
        string agentId,
        string text,
        string? heldMessageId,
        Func<Task>? onChannelSending,
        Func<IReadOnlyList<Activity>, ResourceResponse[], Task>? onChannelAccepted,
        CancellationToken cancellationToken)
    {
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        ScreeningOutcome? outcome = null;
        await _adapter.ContinueConversationAsync(
            _botAppId,
            record.Reference,
            async (turnContext, ct) =>
            {
                var state = ScreeningTurnState.For(turnContext);
                state.SenderRole = SenderRoles.Agent;
                state.AgentId = agentId;
                state.NextHeldMessageId = heldMessageId;
                if (onChannelAccepted is not null)
                {
                    // Registered after the middleware's handler, so it runs inside it: only for what screening lets through.
                    turnContext.OnSendActivities(async (_, activities, next) =>
                    {
                        if (onChannelSending is not null)
                        {
                            await onChannelSending().ConfigureAwait(false);
                        }

                        var sent = await next().ConfigureAwait(false);
                        await onChannelAccepted(activities, sent).ConfigureAwait(false);
                        return sent;
                    });
                }

                await turnContext.SendActivityAsync(MessageFactory.Text(text), ct).ConfigureAwait(false);
                outcome = state.Outcomes.Count > 0 ? state.Outcomes[^1] : null;
            },
            cancellationToken).ConfigureAwait(false);
        return outcome ?? throw new BotTurnFailedException("The reply was not screened; nothing was sent.");
    }

    /// <summary>Starts verification in the conversation. Null when the conversation is unknown.</summary>
    public async Task<VerificationStartResult?> StartVerificationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        VerificationStartResult? result = null;
        await _adapter.ContinueConversationAsync(
            _botAppId,
            record.Reference,
            async (turnContext, ct) => result = await _verification.StartAsync(turnContext, "agent", ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return result ?? throw new BotTurnFailedException("Verification could not be started.");
    }
}
