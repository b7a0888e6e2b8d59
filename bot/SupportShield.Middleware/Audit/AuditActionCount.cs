namespace SupportShield.Middleware.Audit;

/// <summary>How many audit records of a period have one direction and action.</summary>
/// <param name="Direction">"incoming", "outgoing", "verification", ...</param>
/// <param name="Action">"received", "held", "verification.succeeded", ...</param>
/// <param name="Count">The number of records.</param>
public sealed record AuditActionCount(string Direction, string Action, long Count);
