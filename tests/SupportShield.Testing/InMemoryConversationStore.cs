using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Testing;

public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, ConversationRecord> _records = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new();

    public Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _records.AddOrUpdate(
            reference.Conversation.Id,
            id => new ConversationRecord(id, reference, null, DateTimeOffset.UtcNow),
            (_, existing) => existing with { Reference = reference });
        _touched[reference.Conversation.Id] = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(conversationId));

    public Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(conversationId, out var record))
        {
            return Task.FromResult(false);
        }

        _records[conversationId] = record with { AccountId = accountId };
        _touched[conversationId] = DateTimeOffset.UtcNow;
        return Task.FromResult(true);
    }

    /// <summary>Recent conversations by their last reference save or link (this store sees no transcript or held message).</summary>
    public Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConversationSummary>>(_records.Values
            .Select(r => new ConversationSummary(r.ConversationId, r.AccountId, r.CreatedAt, _touched.GetValueOrDefault(r.ConversationId, r.CreatedAt)))
            .OrderByDescending(s => s.LastActivityAt)
            .ThenBy(s => s.ConversationId, StringComparer.Ordinal)
            .Take(limit)
            .ToList());
}
