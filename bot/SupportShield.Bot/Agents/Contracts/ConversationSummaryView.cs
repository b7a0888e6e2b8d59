using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>A conversation in the agent console's list.</summary>
/// <param name="ConversationId">The conversation id (not personal data).</param>
/// <param name="AccountId">The linked account, or null.</param>
/// <param name="Verification">none, pending, verified or locked.</param>
/// <param name="HeldCount">How many messages wait for the customer to verify.</param>
/// <param name="LastActivityAt">Its most recent activity.</param>
public sealed record ConversationSummaryView(string ConversationId, string? AccountId, VerificationState Verification, int HeldCount, DateTimeOffset LastActivityAt);
