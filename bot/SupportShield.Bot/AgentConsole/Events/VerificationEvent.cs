using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.AgentConsole.Events;

/// <summary>A conversation's verification state and linked account, pushed to the console.</summary>
public sealed record VerificationEvent(string ConversationId, string? AccountId, VerificationState Verification);
