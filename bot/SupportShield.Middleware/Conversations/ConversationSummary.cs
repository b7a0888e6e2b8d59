namespace SupportShield.Middleware.Conversations;

/// <summary>A conversation in a list of recent ones (the agent console's list).</summary>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="AccountId">The linked account, or null.</param>
/// <param name="CreatedAt">When the conversation was first seen.</param>
/// <param name="LastActivityAt">The latest of: its last customer message or link, its last transcript line, its last held message.</param>
public sealed record ConversationSummary(string ConversationId, string? AccountId, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt);
