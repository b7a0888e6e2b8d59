namespace SupportShield.Bot.HoldOverrides.Contracts;

/// <summary>Body of <c>POST /api/agent/conversations/{id}/held/{messageId}/override-requests</c>.</summary>
public sealed record OverrideRequestBody(string? AgentId, string? Justification);
