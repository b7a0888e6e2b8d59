using SupportShield.Detection.Policy;

namespace SupportShield.Middleware.HeldMessages;

/// <summary>A message about to be held: what <see cref="HeldMessage"/> is before the store gives it its sequence.</summary>
/// <param name="MessageId">Id the message is held under.</param>
/// <param name="ConversationId">The conversation it belongs to.</param>
/// <param name="ActivityJson">The Bot Framework activity as JSON, exactly as it would have been sent.</param>
/// <param name="SenderRole">"agent" or "bot".</param>
/// <param name="Reasons">Why it is held.</param>
/// <param name="HeldAt">When it is held.</param>
public sealed record NewHeldMessage(
    string MessageId,
    string ConversationId,
    string ActivityJson,
    string SenderRole,
    IReadOnlyList<DecisionReason> Reasons,
    DateTimeOffset HeldAt)
{
    /// <summary>The message as stored, with <paramref name="sequence"/>, in <see cref="HeldMessageState.Held"/>.</summary>
    public HeldMessage Stored(long sequence) =>
        new(MessageId, ConversationId, sequence, ActivityJson, SenderRole, Reasons.ToArray(), HeldAt, HeldMessageState.Held);
}
