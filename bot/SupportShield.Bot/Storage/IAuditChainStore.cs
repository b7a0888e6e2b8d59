using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage;

/// <summary>The audit log as ops read it: recent records with their chain hashes, and a check of the whole chain.</summary>
public interface IAuditChainStore : IAuditLog
{
    /// <summary>The newest <paramref name="limit"/> records (of one conversation, or of all when null), oldest first, with their chain hashes.</summary>
    Task<IReadOnlyList<ChainedAuditRecord>> ListRecentAsync(string? conversationId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Checks the whole chain (see <see cref="AuditChain.Verify"/>).</summary>
    Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default);
}
