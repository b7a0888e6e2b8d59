namespace SupportShield.Middleware.Audit;

/// <summary>An audit record as stored, with its place in the hash chain.</summary>
/// <param name="Id">Storage id; increases with every append.</param>
/// <param name="Record">The record's contents.</param>
/// <param name="PreviousHash">The hash of the record before it (or <see cref="AuditChain.Genesis"/>), or null when missing.</param>
/// <param name="Hash">The record's own hash, or null when missing.</param>
public sealed record ChainedAuditRecord(long Id, AuditRecord Record, string? PreviousHash, string? Hash);
