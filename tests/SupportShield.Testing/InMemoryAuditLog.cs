using SupportShield.Middleware.Audit;

namespace SupportShield.Testing;

public sealed class InMemoryAuditLog : IAuditLog, IAuditActionCounts
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

    public Task<IReadOnlyList<AuditActionCount>> CountActionsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditActionCount>>(_records
                .Where(r => r.Time >= since && r.Time < until)
                .GroupBy(r => (r.Direction, r.Action))
                .Select(g => new AuditActionCount(g.Key.Direction, g.Key.Action, g.LongCount()))
                .ToList());
        }
    }
}
