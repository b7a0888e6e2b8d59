using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage;

/// <summary>What every audit store checks and settles before a record is written, whichever the provider.</summary>
internal static class AuditRecordChecks
{
    /// <summary>
    /// Refuses a record without conversation, direction or action, and gives its lists a value: stored lists are never
    /// null, so the chain hash of a record read back is the one it was written with.
    /// </summary>
    public static AuditRecord Normalise(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.ConversationId);
        ArgumentNullException.ThrowIfNull(record.Direction);
        ArgumentNullException.ThrowIfNull(record.Action);
        return record with
        {
            EntityTypes = record.EntityTypes ?? [],
            RuleIds = record.RuleIds ?? [],
            ValueHashes = record.ValueHashes ?? [],
        };
    }
}
