using SupportShield.Bot.Agents.Contracts;

namespace SupportShield.Bot.AgentConsole.Events;

/// <summary>Every message held in a conversation with its state now, pushed to the console after a change.</summary>
public sealed record HeldMessagesEvent(string ConversationId, IReadOnlyList<HeldItemView> Messages);
