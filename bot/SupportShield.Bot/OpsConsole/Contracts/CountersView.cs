namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The answer of <c>GET /api/ops/counters</c>: counts from the audit log over a period, across every instance.</summary>
/// <param name="Period">1h, 24h or 7d.</param>
/// <param name="From">Start of the period.</param>
/// <param name="To">End of the period (now).</param>
/// <param name="Messages">Message counts.</param>
/// <param name="Verifications">Verification counts.</param>
public sealed record CountersView(string Period, DateTimeOffset From, DateTimeOffset To, MessageCounters Messages, VerificationCounters Verifications);
