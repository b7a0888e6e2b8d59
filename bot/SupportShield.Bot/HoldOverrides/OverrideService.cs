using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.Agents;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.Storage;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.HoldOverrides;

/// <summary>
/// Overrides of a hold: an agent asks, with a justification, to release one held message to a customer who has not
/// verified; a supervisor approves (the message goes through the adapter and the middleware, screened as if the
/// customer were verified, so always-redacted values stay masked) or rejects. Every step is audited; the
/// justification is kept masked only.
/// </summary>
public sealed class OverrideService
{
    /// <summary>Direction of the audit records of overrides.</summary>
    public const string AuditDirection = "override";

    /// <summary>Shortest justification accepted.</summary>
    public const int MinJustificationLength = 10;

    /// <summary>Longest justification accepted.</summary>
    public const int MaxJustificationLength = 1000;

    private readonly SupportShieldAdapter _adapter;
    private readonly IConversationStore _conversations;
    private readonly IHeldMessageStore _held;
    private readonly HeldMessageReleaser _releaser;
    private readonly IOverrideRequestStore _requests;
    private readonly IAuditLog _audit;
    private readonly AgentTextMasker _masker;
    private readonly TimeProvider _time;
    private readonly string _botAppId;
    private readonly IConversationEvents? _events;

    public OverrideService(
        SupportShieldAdapter adapter,
        IConversationStore conversations,
        IHeldMessageStore held,
        HeldMessageReleaser releaser,
        IOverrideRequestStore requests,
        IAuditLog audit,
        AgentTextMasker masker,
        TimeProvider time,
        IConfiguration configuration,
        IConversationEvents? events = null)
    {
        _events = events;
        ArgumentNullException.ThrowIfNull(configuration);
        _adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _held = held ?? throw new ArgumentNullException(nameof(held));
        _releaser = releaser ?? throw new ArgumentNullException(nameof(releaser));
        _requests = requests ?? throw new ArgumentNullException(nameof(requests));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _masker = masker ?? throw new ArgumentNullException(nameof(masker));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _botAppId = configuration["MicrosoftAppId"] ?? string.Empty;
    }

    /// <summary>Stores an agent's request to release <paramref name="messageId"/> (validated arguments).</summary>
    public async Task<OverrideResult> RequestAsync(string conversationId, string messageId, string agentId, string justification, CancellationToken cancellationToken)
    {
        if (await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new OverrideResult(OverrideOutcome.UnknownConversation);
        }

        var message = (await _held.ListAllAsync(conversationId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.MessageId == messageId);
        if (message is null)
        {
            return new OverrideResult(OverrideOutcome.UnknownMessage);
        }

        if (message.State != HeldMessageState.Held)
        {
            return new OverrideResult(OverrideOutcome.NotHeld);
        }

        var masked = await _masker.MaskAsync(conversationId, justification, MaxJustificationLength, cancellationToken).ConfigureAwait(false);
        var request = new OverrideRequest("override-" + Guid.NewGuid().ToString("N"), conversationId, messageId, agentId, masked, OverrideStatus.Pending, _time.GetUtcNow());
        await _requests.AddAsync(request, cancellationToken).ConfigureAwait(false);
        await AuditAsync(request, "override.requested", agentId, cancellationToken).ConfigureAwait(false);
        await HeldMessagesChangedAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return new OverrideResult(OverrideOutcome.Requested, request);
    }

    /// <summary>The request, or null.</summary>
    public Task<OverrideRequest?> GetAsync(string requestId, CancellationToken cancellationToken) => _requests.GetAsync(requestId, cancellationToken);

    /// <summary>Approves a pending request and releases its message through the middleware.</summary>
    /// <exception cref="BotTurnFailedException">The message could not be sent (storage or channel down); the request is pending again.</exception>
    public async Task<OverrideResult> ApproveAsync(string requestId, string supervisorId, CancellationToken cancellationToken)
    {
        var (request, refusal) = await DecidableAsync(requestId, supervisorId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var conversation = await _conversations.GetAsync(request!.ConversationId, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            return new OverrideResult(OverrideOutcome.UnknownConversation, request);
        }

        var held = await _held.ListHeldAsync(request.ConversationId, cancellationToken).ConfigureAwait(false);
        var message = held.FirstOrDefault(m => m.MessageId == request.MessageId);
        if (message is null)
        {
            return new OverrideResult(OverrideOutcome.NotHeld, request);
        }

        var now = _time.GetUtcNow();
        if (!await _requests.TryDecideAsync(requestId, OverrideStatus.Pending, OverrideStatus.Approved, supervisorId, now, cancellationToken).ConfigureAwait(false))
        {
            return new OverrideResult(OverrideOutcome.AlreadyDecided, await _requests.GetAsync(requestId, cancellationToken).ConfigureAwait(false));
        }

        var approved = request with { Status = OverrideStatus.Approved, DecidedAt = now, DecidedBy = supervisorId };
        await AuditAsync(approved, "override.approved", supervisorId, cancellationToken).ConfigureAwait(false);

        ScreeningOutcome? delivery = null;
        try
        {
            await _adapter.ContinueConversationAsync(
                _botAppId,
                conversation.Reference,
                async (turnContext, ct) =>
                {
                    var state = ScreeningTurnState.For(turnContext);
                    state.SenderRole = message.SenderRole;
                    delivery = await _releaser.ReleaseWithOverrideAsync(turnContext, request.MessageId, new OverrideApproval(requestId, supervisorId), ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BotTurnFailedException)
        {
            await _requests.TryDecideAsync(requestId, OverrideStatus.Approved, OverrideStatus.Pending, null, null, CancellationToken.None).ConfigureAwait(false);
            await AuditAsync(request, "override.release-failed", supervisorId, CancellationToken.None).ConfigureAwait(false);
            await HeldMessagesChangedAsync(request.ConversationId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await HeldMessagesChangedAsync(request.ConversationId, cancellationToken).ConfigureAwait(false);

        return delivery switch
        {
            null => new OverrideResult(OverrideOutcome.NotHeld, approved),
            { Status: DeliveryStatus.Delivered or DeliveryStatus.Redacted } => new OverrideResult(OverrideOutcome.Released, approved, delivery),
            _ => new OverrideResult(OverrideOutcome.StillHeld, approved, delivery),
        };
    }

    /// <summary>Rejects a pending request; the message stays held.</summary>
    public async Task<OverrideResult> RejectAsync(string requestId, string supervisorId, CancellationToken cancellationToken)
    {
        var (request, refusal) = await DecidableAsync(requestId, supervisorId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = _time.GetUtcNow();
        if (!await _requests.TryDecideAsync(requestId, OverrideStatus.Pending, OverrideStatus.Rejected, supervisorId, now, cancellationToken).ConfigureAwait(false))
        {
            return new OverrideResult(OverrideOutcome.AlreadyDecided, await _requests.GetAsync(requestId, cancellationToken).ConfigureAwait(false));
        }

        var rejected = request! with { Status = OverrideStatus.Rejected, DecidedAt = now, DecidedBy = supervisorId };
        await AuditAsync(rejected, "override.rejected", supervisorId, cancellationToken).ConfigureAwait(false);
        await HeldMessagesChangedAsync(rejected.ConversationId, cancellationToken).ConfigureAwait(false);
        return new OverrideResult(OverrideOutcome.Rejected, rejected);
    }

    private async Task<(OverrideRequest? Request, OverrideResult? Refusal)> DecidableAsync(string requestId, string supervisorId, CancellationToken cancellationToken)
    {
        var request = await _requests.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return (null, new OverrideResult(OverrideOutcome.UnknownRequest));
        }

        if (request.Status != OverrideStatus.Pending)
        {
            return (request, new OverrideResult(OverrideOutcome.AlreadyDecided, request));
        }

        return string.Equals(request.AgentId, supervisorId, StringComparison.OrdinalIgnoreCase)
            ? (request, new OverrideResult(OverrideOutcome.OwnRequest, request))
            : (request, null);
    }

    /// <summary>Tells the agent consoles (when there are any) that the conversation's held messages or their requests changed.</summary>
    private Task HeldMessagesChangedAsync(string conversationId, CancellationToken cancellationToken) =>
        _events?.HeldMessagesChangedAsync(conversationId, cancellationToken) ?? Task.CompletedTask;

    private Task AuditAsync(OverrideRequest request, string action, string actor, CancellationToken cancellationToken) =>
        _audit.AppendAsync(
            new AuditRecord(
                _time.GetUtcNow(),
                request.ConversationId,
                AuditDirection,
                action,
                [],
                [$"override-request:{request.RequestId}", $"requested-by:{request.AgentId}"],
                request.MaskedJustification,
                [],
                request.MessageId,
                actor),
            cancellationToken);
}
