namespace SupportShield.Bot.Agents.Contracts;

/// <summary>Body of <c>POST /api/agent/accounts/search</c>: an account id, email or phone (in the body, never in a URL).</summary>
public sealed record AccountSearchRequest(string? Query);
