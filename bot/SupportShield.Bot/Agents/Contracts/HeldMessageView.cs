namespace SupportShield.Bot.Agents.Contracts;

/// <summary>A message waiting for the customer to verify.</summary>
public sealed record HeldMessageView(string MessageId, IReadOnlyList<ReasonView> Reasons, string Sender, DateTimeOffset HeldAt);
