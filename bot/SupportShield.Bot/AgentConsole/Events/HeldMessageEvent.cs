using SupportShield.Bot.Agents.Contracts;

namespace SupportShield.Bot.AgentConsole.Events;

/// <summary>A message that was just held, pushed to the console.</summary>
public sealed record HeldMessageEvent(string ConversationId, HeldItemView Message);
