namespace SupportShield.Bot.Agents.Contracts;

/// <summary>Body of <c>POST /api/agent/conversations/{id}/link</c>.</summary>
public sealed record LinkAccountRequest(string? AccountId);
