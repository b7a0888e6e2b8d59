using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Testing;

public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, ConversationRecord> _records = new();

    public Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _records.AddOrUpdate(
            reference.Conversation.Id,
            id => new ConversationRecord(id, reference, null, DateTimeOffset.UtcNow),
            (_, existing) => existing with { Reference = reference });
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
        return Task.FromResult(true);
    }
}
