using Microsoft.Bot.Schema;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Bot.Tests.Storage.ReadScope;

public sealed class ScopedConversationStoreTests
{
    [Test]
    public async Task GetAsync_InAScope_AsksTheStoreOnce_OutsideEveryTime()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        using (StorageReadScope.Begin())
        {
            var first = await store.GetAsync("conv-1");
            var second = await store.GetAsync("conv-1");
            Assert.That(second, Is.SameAs(first));
            Assert.That(await store.GetAsync("conv-unknown"), Is.Null);
            Assert.That(await store.GetAsync("conv-unknown"), Is.Null);
        }

        Assert.That(inner.Reads, Is.EqualTo(2), "one read of each conversation in the scope");
        await store.GetAsync("conv-1");
        await store.GetAsync("conv-1");
        Assert.That(inner.Reads, Is.EqualTo(4));
    }

    [Test]
    public async Task SaveReferenceAsync_OfTheReferenceJustRead_ButForItsActivityId_WritesNothing()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        using (StorageReadScope.Begin())
        {
            await store.GetAsync("conv-1");
            await store.SaveReferenceAsync(Reference("conv-1", "a-2"));
        }

        Assert.That(inner.Writes, Is.EqualTo(1));
    }

    [Test]
    public async Task SaveReferenceAsync_OfAChangedReference_WritesIt_AndTheNextReadSeesIt()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        using (StorageReadScope.Begin())
        {
            await store.GetAsync("conv-1");
            var moved = Reference("conv-1", "a-2");
            moved.ServiceUrl = "https://elsewhere.example/";
            await store.SaveReferenceAsync(moved);

            Assert.That(inner.Writes, Is.EqualTo(2));
            Assert.That((await store.GetAsync("conv-1"))!.Reference.ServiceUrl, Is.EqualTo("https://elsewhere.example/"));
        }
    }

    [Test]
    public async Task SaveReferenceAsync_OutsideAScope_AlwaysWrites()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);

        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));
        await store.GetAsync("conv-1");
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        Assert.That(inner.Writes, Is.EqualTo(2));
    }

    [Test]
    public async Task LinkAccountAsync_InAScope_IsSeenByTheNextRead()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        using (StorageReadScope.Begin())
        {
            Assert.That((await store.GetAsync("conv-1"))!.AccountId, Is.Null);
            Assert.That(await store.LinkAccountAsync("conv-1", "acct-1"), Is.True);
            Assert.That((await store.GetAsync("conv-1"))!.AccountId, Is.EqualTo("acct-1"));
        }
    }

    [Test]
    public async Task SaveReferenceAsync_ThatFails_LeavesTheNextReadToTheStore()
    {
        var inner = new CountingConversationStore();
        var store = new ScopedConversationStore(inner);
        await store.SaveReferenceAsync(Reference("conv-1", "a-1"));

        using (StorageReadScope.Begin())
        {
            await store.GetAsync("conv-1");
            inner.FailWrites = true;
            var moved = Reference("conv-1", "a-2");
            moved.ServiceUrl = "https://elsewhere.example/";
            Assert.That(async () => await store.SaveReferenceAsync(moved), Throws.InvalidOperationException);
            await store.GetAsync("conv-1");
        }

        Assert.That(inner.Reads, Is.EqualTo(2));
    }

    private static ConversationReference Reference(string conversationId, string activityId) => new()
    {
        ActivityId = activityId,
        ChannelId = "test",
        ServiceUrl = "https://channel.example/",
        Conversation = new ConversationAccount(id: conversationId),
        User = new ChannelAccount("customer-1"),
        Bot = new ChannelAccount("bot"),
    };

    /// <summary>An in-memory store that counts its reads and writes.</summary>
    private sealed class CountingConversationStore : IConversationStore
    {
        private readonly Dictionary<string, ConversationRecord> _records = new(StringComparer.Ordinal);

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public bool FailWrites { get; set; }

        public Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default)
        {
            if (FailWrites)
            {
                throw new InvalidOperationException("storage down");
            }

            Writes++;
            var id = reference.Conversation.Id;
            _records[id] = _records.TryGetValue(id, out var existing)
                ? existing with { Reference = reference }
                : new ConversationRecord(id, reference, null, DateTimeOffset.UnixEpoch);
            return Task.CompletedTask;
        }

        public Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult(_records.GetValueOrDefault(conversationId));
        }

        public Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default)
        {
            Writes++;
            if (!_records.TryGetValue(conversationId, out var record))
            {
                return Task.FromResult(false);
            }

            _records[conversationId] = record with { AccountId = accountId };
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ConversationSummary>>([]);
    }
}
