namespace SupportShield.Middleware.Audit;

/// <summary>The first place the audit chain is broken.</summary>
/// <param name="Id">Storage id of the first record that does not check out.</param>
/// <param name="Time">That record's time (as stored, so possibly itself altered).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Description">What differs, in words.</param>
public sealed record AuditChainBreak(long Id, DateTimeOffset Time, AuditChainBreakKind Kind, string Description);
