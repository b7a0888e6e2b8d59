using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Bot.Storage.ReadScope;

/// <summary>
/// A conversation store that answers repeated reads of a conversation within one <see cref="StorageReadScope"/> from the
/// first one, and skips saving a reference that differs from the one just read only by its activity id: a customer's
/// every message carries the same reference but for that id, and its upsert was a committed write per message. The stored
/// reference then keeps the activity id of the message that last changed it (proactive sends reply to that message; every
/// channel accepts it), and the conversation's last activity in the agents' list moves with the message's transcript
/// line. Links and changed references are written through and forgotten by the scope, so the next read sees them.
/// </summary>
public sealed class ScopedConversationStore : IConversationStore
{
    private readonly IConversationStore _inner;

    // What this store keeps in a read scope is its own, apart from any other store's in the same flow.
    private readonly string _scopeKeyPrefix = $"conversation:{Guid.NewGuid():N}:";

    public ScopedConversationStore(IConversationStore inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public async Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var conversationId = reference.Conversation?.Id;
        var scope = StorageReadScope.Current;
        if (scope is not null && conversationId is not null
            && scope.TryGet<Kept>(KeyOf(conversationId), out var kept) && kept.Record is { } record
            && string.Equals(WithoutActivityId(record.Reference), WithoutActivityId(reference), StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await _inner.SaveReferenceAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scope is not null && conversationId is not null)
            {
                scope.Forget(KeyOf(conversationId));
            }
        }
    }

    /// <inheritdoc />
    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var scope = StorageReadScope.Current;
        if (scope is not null && scope.TryGet<Kept>(KeyOf(conversationId), out var kept))
        {
            return kept.Record;
        }

        var record = await _inner.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        scope?.Set(KeyOf(conversationId), new Kept(record));
        return record;
    }

    /// <inheritdoc />
    public async Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        try
        {
            return await _inner.LinkAccountAsync(conversationId, accountId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StorageReadScope.Current?.Forget(KeyOf(conversationId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
        _inner.ListRecentAsync(limit, cancellationToken);

    /// <summary>The reference as JSON, without the id of the activity it was taken from (which every message changes).</summary>
    private static string WithoutActivityId(ConversationReference reference)
    {
        var json = JObject.FromObject(reference);
        json.Remove("activityId");
        return json.ToString(Formatting.None);
    }

    private string KeyOf(string conversationId) => _scopeKeyPrefix + conversationId;

    /// <summary>A read's answer, the conversation's absence included.</summary>
    private sealed record Kept(ConversationRecord? Record);
}
