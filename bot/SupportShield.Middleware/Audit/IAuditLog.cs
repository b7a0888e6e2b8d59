namespace SupportShield.Middleware.Audit;

/// <summary>Append-only log of screening and verification decisions.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>The conversation's records, oldest first.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default);
}
