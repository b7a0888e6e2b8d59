using SupportShield.Bot.Agents.Contracts;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.HoldOverrides.Contracts;

/// <summary>An override request as the API shows it, with what became of the message when it was approved.</summary>
public sealed record OverrideRequestView(
    string RequestId,
    string ConversationId,
    string MessageId,
    string AgentId,
    string MaskedJustification,
    OverrideStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    DeliveryStatus? Delivery = null,
    string? DeliveredText = null,
    IReadOnlyList<ReasonView>? Reasons = null)
{
    public static OverrideRequestView From(OverrideRequest request, ScreeningOutcome? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OverrideRequestView(
            request.RequestId,
            request.ConversationId,
            request.MessageId,
            request.AgentId,
            request.MaskedJustification,
            request.Status,
            request.RequestedAt,
            request.DecidedAt,
            request.DecidedBy,
            delivery?.Status,
            delivery?.DeliveredText,
            delivery?.Reasons.Select(ReasonView.From).ToList());
    }
}
