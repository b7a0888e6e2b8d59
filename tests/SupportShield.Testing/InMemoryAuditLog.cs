using SupportShield.Middleware.Audit;

namespace SupportShield.Testing;

public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock _gate = new();
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> All
    {
        get
        {
            lock (_gate)
            {
                return _records.ToList();
            }
        }
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _records.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>(_records.Where(r => r.ConversationId == conversationId).ToList());
        }
    }
}
