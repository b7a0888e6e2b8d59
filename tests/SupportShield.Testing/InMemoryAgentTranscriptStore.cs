using SupportShield.Middleware.Transcripts;

namespace SupportShield.Testing;

public sealed class InMemoryAgentTranscriptStore : IAgentTranscriptStore
{
    private readonly Lock _gate = new();
    private readonly List<TranscriptEntry> _entries = [];

    public IReadOnlyList<TranscriptEntry> All
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    public Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TranscriptEntry>>(_entries.Where(e => e.ConversationId == conversationId).ToList());
        }
    }

    public Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var lines = _entries.Where(e => e.ConversationId == conversationId).ToList();
            return Task.FromResult<IReadOnlyList<TranscriptEntry>>(lines.Skip(Math.Max(0, lines.Count - count)).ToList());
        }
    }
}
