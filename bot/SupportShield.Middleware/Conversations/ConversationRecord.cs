using Microsoft.Bot.Schema;

namespace SupportShield.Middleware.Conversations;

/// <summary>What SupportShield keeps about one conversation: how to reach it and which account it is linked to.</summary>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="Reference">The reference used to send proactive messages (agent replies, released messages).</param>
/// <param name="AccountId">The linked account, or null.</param>
/// <param name="CreatedAt">When the conversation was first seen.</param>
public sealed record ConversationRecord(string ConversationId, ConversationReference Reference, string? AccountId, DateTimeOffset CreatedAt);
