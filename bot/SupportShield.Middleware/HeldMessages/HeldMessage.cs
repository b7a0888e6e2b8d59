using SupportShield.Detection.Policy;

namespace SupportShield.Middleware.HeldMessages;

/// <summary>An outgoing message kept back until the customer verifies.</summary>
/// <param name="MessageId">Id given to the message when it was held.</param>
/// <param name="ConversationId">The conversation it belongs to.</param>
/// <param name="Sequence">Order of holding, increasing; release follows it.</param>
/// <param name="ActivityJson">The Bot Framework activity as JSON, exactly as it would have been sent.</param>
/// <param name="SenderRole">"agent" or "bot".</param>
/// <param name="Reasons">Why it was held.</param>
/// <param name="HeldAt">When it was held.</param>
/// <param name="State">Where it is in its life.</param>
public sealed record HeldMessage(
    string MessageId,
    string ConversationId,
    long Sequence,
    string ActivityJson,
    string SenderRole,
    IReadOnlyList<DecisionReason> Reasons,
    DateTimeOffset HeldAt,
    HeldMessageState State);
