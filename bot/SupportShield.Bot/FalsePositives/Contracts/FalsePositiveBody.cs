namespace SupportShield.Bot.FalsePositives.Contracts;

/// <summary>Body of <c>POST /api/agent/conversations/{id}/held/{messageId}/false-positive</c>.</summary>
public sealed record FalsePositiveBody(string? AgentId, string? Note);
