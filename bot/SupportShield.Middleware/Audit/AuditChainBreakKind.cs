namespace SupportShield.Middleware.Audit;

/// <summary>How the audit chain is broken at a record.</summary>
public enum AuditChainBreakKind
{
    /// <summary>The record's contents no longer hash to its stored hash.</summary>
    ContentChanged,

    /// <summary>The record does not chain from the one stored before it: records were deleted, reordered or inserted.</summary>
    ChainBroken,

    /// <summary>The record has no hash or no previous hash.</summary>
    HashMissing,
}
