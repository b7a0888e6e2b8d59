using System.Text.Json.Serialization;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>What became of an agent's message: delivered, redacted, held or blocked.</summary>
/// <param name="MessageId">The held message's id, or the sent activity's.</param>
/// <param name="Status">Delivered, redacted, held or blocked.</param>
/// <param name="DeliveredText">What the customer received, or null (also in a replayed answer).</param>
/// <param name="Reasons">Why it was not delivered as written.</param>
/// <param name="PossibleDuplicate">
/// Only with an Idempotency-Key: true when an earlier attempt's instance died while the channel send was under way, so
/// the customer may have received this message twice; absent otherwise.
/// </param>
public sealed record SendAgentMessageResponse(
    string MessageId,
    DeliveryStatus Status,
    string? DeliveredText,
    IReadOnlyList<ReasonView> Reasons,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? PossibleDuplicate = null);
