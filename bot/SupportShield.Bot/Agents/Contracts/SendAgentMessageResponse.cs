using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>What became of an agent's message: delivered, redacted, held or blocked.</summary>
public sealed record SendAgentMessageResponse(string MessageId, DeliveryStatus Status, string? DeliveredText, IReadOnlyList<ReasonView> Reasons);
