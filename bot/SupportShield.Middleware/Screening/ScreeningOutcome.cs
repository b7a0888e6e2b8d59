using SupportShield.Detection.Policy;

namespace SupportShield.Middleware.Screening;

/// <summary>What happened to one outgoing activity, as the agent API reports it.</summary>
/// <param name="MessageId">The id of the held message, or of the sent activity.</param>
/// <param name="Status">Delivered, redacted, held or blocked.</param>
/// <param name="DeliveredText">The text the customer received, or null when nothing was delivered.</param>
/// <param name="Reasons">Why it was not delivered as written.</param>
public sealed record ScreeningOutcome(string MessageId, DeliveryStatus Status, string? DeliveredText, IReadOnlyList<DecisionReason> Reasons);
