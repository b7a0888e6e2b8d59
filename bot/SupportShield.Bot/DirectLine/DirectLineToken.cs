namespace SupportShield.Bot.DirectLine;

/// <summary>What a Direct Line token or stream ticket grants: one conversation, for one user, until it expires.</summary>
/// <param name="ConversationId">The only conversation the token opens.</param>
/// <param name="UserId">The user the token speaks for (activities it posts are from this id).</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt);
