namespace SupportShield.Bot.Agents.Contracts;

/// <summary>Body of <c>POST /api/agent/conversations/{id}/messages</c>.</summary>
public sealed record SendAgentMessageRequest(string? AgentId, string? Text);
