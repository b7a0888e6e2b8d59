namespace SupportShield.Bot.HoldOverrides.Contracts;

/// <summary>Body of <c>POST /api/agent/override-requests/{requestId}/approve</c> and <c>/reject</c>.</summary>
public sealed record SupervisorDecisionBody(string? SupervisorId);
