namespace SupportShield.Middleware.Audit;

/// <summary>The result of checking the audit chain.</summary>
/// <param name="VerifiedRecords">How many records, from the first, check out.</param>
/// <param name="HeadHash">The hash of the last record when the whole chain checks out (null when empty or broken); keep it elsewhere to detect a later rewrite or truncation.</param>
/// <param name="FirstBreak">The first break, or null when the chain is intact.</param>
public sealed record AuditChainReport(int VerifiedRecords, string? HeadHash, AuditChainBreak? FirstBreak)
{
    /// <summary>True when every record checks out.</summary>
    public bool IsIntact => FirstBreak is null;

    internal static AuditChainReport Intact(int count, string? head) => new(count, head, null);

    internal static AuditChainReport Broken(int count, AuditChainBreak first) => new(count, null, first);
}
