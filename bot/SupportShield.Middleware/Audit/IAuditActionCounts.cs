namespace SupportShield.Middleware.Audit;

/// <summary>
/// Counts of audit records by direction and action over a period: what the ops console's counters are computed from, so
/// that they cover every instance and survive restarts (the in-process metrics do neither).
/// </summary>
public interface IAuditActionCounts
{
    /// <summary>The number of records per (direction, action) whose time is at or after <paramref name="since"/> and before <paramref name="until"/>.</summary>
    Task<IReadOnlyList<AuditActionCount>> CountActionsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
