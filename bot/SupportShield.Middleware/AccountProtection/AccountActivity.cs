namespace SupportShield.Middleware.AccountProtection;

/// <summary>Something that happened to an account in a chat.</summary>
public sealed record AccountActivity(string AccountId, string ConversationId, AccountActivityKind Kind, DateTimeOffset Time);
