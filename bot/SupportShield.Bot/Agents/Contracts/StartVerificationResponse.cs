using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>What happened when an agent started verification.</summary>
public sealed record StartVerificationResponse(VerificationStartResult Status);
