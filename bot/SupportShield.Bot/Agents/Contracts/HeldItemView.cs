using SupportShield.Bot.HoldOverrides.Contracts;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>A message that was held, in any state, with why and what was asked about it.</summary>
/// <param name="MessageId">Its id.</param>
/// <param name="State">held, releasing, delivered or overridden.</param>
/// <param name="Sender">agent or bot.</param>
/// <param name="HeldAt">When it was held.</param>
/// <param name="Preview">A masked preview (values become their type, other digits '#').</param>
/// <param name="Reasons">Why it was held; <see cref="ReasonView.Detail"/> says it in plain words.</param>
/// <param name="OverrideRequests">Override requests made for it, oldest first.</param>
public sealed record HeldItemView(
    string MessageId,
    HeldItemState State,
    string Sender,
    DateTimeOffset HeldAt,
    string Preview,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<OverrideRequestView> OverrideRequests);
