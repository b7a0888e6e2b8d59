using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.HoldOverrides;
using SupportShield.Bot.HoldOverrides.Contracts;
using SupportShield.Bot.Storage;
using SupportShield.Detection.Engine;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents;

/// <summary>
/// Builds what agents see of conversations, for the agent API and the console's live pushes alike, so both show the same:
/// the verification state, held messages with their state and reasons, and transcript lines with the customer's personal
/// data masked (<see cref="AgentTextMasker"/>).
/// </summary>
public sealed class AgentConversationViews
{
    /// <summary>Longest masked customer line shown.</summary>
    public const int MaxLineLength = 2000;

    private readonly IConversationStore _conversations;
    private readonly IVerificationGateway _verification;
    private readonly IHeldMessageStore _held;
    private readonly IAgentTranscriptStore _transcript;
    private readonly AgentTextMasker _masker;
    private readonly IOverrideRequestStore _overrides;

    public AgentConversationViews(
        IConversationStore conversations,
        IVerificationGateway verification,
        IHeldMessageStore held,
        IAgentTranscriptStore transcript,
        AgentTextMasker masker,
        IOverrideRequestStore overrides)
    {
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _verification = verification ?? throw new ArgumentNullException(nameof(verification));
        _held = held ?? throw new ArgumentNullException(nameof(held));
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _masker = masker ?? throw new ArgumentNullException(nameof(masker));
        _overrides = overrides ?? throw new ArgumentNullException(nameof(overrides));
    }

    /// <summary>The conversation in full, or null when it is unknown.</summary>
    public async Task<ConversationView?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var state = await VerificationAsync(record, cancellationToken).ConfigureAwait(false);
        var all = await _held.ListAllAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var lines = await _transcript.ListAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var masked = new List<TranscriptLineView>(lines.Count);
        foreach (var line in lines)
        {
            masked.Add(await LineAsync(line, cancellationToken).ConfigureAwait(false));
        }

        return new ConversationView(
            conversationId,
            record.AccountId,
            state,
            all.Where(h => h.State == HeldMessageState.Held)
                .Select(h => new HeldMessageView(h.MessageId, h.Reasons.Select(ReasonView.From).ToList(), h.SenderRole, h.HeldAt))
                .ToList(),
            masked,
            await HeldItemsAsync(conversationId, all, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The <paramref name="limit"/> most recently active conversations, most recent first.</summary>
    public async Task<IReadOnlyList<ConversationSummaryView>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        var recent = await _conversations.ListRecentAsync(limit, cancellationToken).ConfigureAwait(false);
        var views = new List<ConversationSummaryView>(recent.Count);
        foreach (var summary in recent)
        {
            views.Add(await SummaryAsync(summary, cancellationToken).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>One conversation as the list shows it, or null when it is unknown.</summary>
    public async Task<ConversationSummaryView?> SummaryAsync(string conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return record is null
            ? null
            : await SummaryAsync(new ConversationSummary(conversationId, record.AccountId, record.CreatedAt, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation's verification state for its linked account (a verification for another account reads as none).</summary>
    public async Task<VerificationState> VerificationAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = await _verification.GetStatusAsync(record.ConversationId, cancellationToken).ConfigureAwait(false);
        return status.State == VerificationState.Verified && !status.IsVerifiedFor(record.AccountId) ? VerificationState.None : status.State;
    }

    /// <summary>Every message held in the conversation, any state, oldest first.</summary>
    public async Task<IReadOnlyList<HeldItemView>> HeldItemsAsync(string conversationId, CancellationToken cancellationToken) =>
        await HeldItemsAsync(conversationId, await _held.ListAllAsync(conversationId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>One held message as the console shows it.</summary>
    public async Task<HeldItemView> HeldItemAsync(HeldMessage message, IReadOnlyList<OverrideRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(requests);
        var mine = requests.Where(r => r.MessageId == message.MessageId).ToList();
        var state = message.State switch
        {
            HeldMessageState.Held => HeldItemState.Held,
            HeldMessageState.Releasing => HeldItemState.Releasing,
            _ => mine.Any(r => r.Status == OverrideStatus.Approved) ? HeldItemState.Overridden : HeldItemState.Delivered,
        };
        return new HeldItemView(
            message.MessageId,
            state,
            message.SenderRole,
            message.HeldAt,
            await _masker.PreviewAsync(message, cancellationToken).ConfigureAwait(false),
            message.Reasons.Select(ReasonView.From).ToList(),
            mine.Select(r => OverrideRequestView.From(r)).ToList());
    }

    /// <summary>A transcript line as agents see it: a customer's line masked; notes ("[…]"), agent and bot lines as they are.</summary>
    public async Task<TranscriptLineView> LineAsync(TranscriptEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = entry.Role == TranscriptRole.Customer && !IsNote(entry.Text)
            ? await _masker.MaskAsync(entry.ConversationId, entry.Text, MessageRole.Customer, MaxLineLength, cancellationToken).ConfigureAwait(false)
            : entry.Text;
        return new TranscriptLineView(entry.Role, text, entry.Time);
    }

    private static bool IsNote(string text) => text.StartsWith('[') && text.EndsWith(']') && !text.Any(char.IsDigit);

    private async Task<IReadOnlyList<HeldItemView>> HeldItemsAsync(string conversationId, IReadOnlyList<HeldMessage> all, CancellationToken cancellationToken)
    {
        if (all.Count == 0)
        {
            return [];
        }

        var requests = await _overrides.ListForConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var items = new List<HeldItemView>(all.Count);
        foreach (var message in all)
        {
            items.Add(await HeldItemAsync(message, requests, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    private async Task<ConversationSummaryView> SummaryAsync(ConversationSummary summary, CancellationToken cancellationToken)
    {
        var record = new ConversationRecord(summary.ConversationId, new Microsoft.Bot.Schema.ConversationReference(), summary.AccountId, summary.CreatedAt);
        var state = await VerificationAsync(record, cancellationToken).ConfigureAwait(false);
        var held = await _held.ListHeldAsync(summary.ConversationId, cancellationToken).ConfigureAwait(false);
        return new ConversationSummaryView(summary.ConversationId, summary.AccountId, state, held.Count, summary.LastActivityAt);
    }
}
