using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteConversationStoreTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private TemporaryFolder _folder = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TemporaryFolder();
        _time = new FakeTimeProvider(Start);
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task SaveReferenceAsync_ThenGet_RoundTripsReference()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteConversationStore(database, _time);

        await store.SaveReferenceAsync(Reference("conv-1", "https://service.example/"));
        var record = await store.GetAsync("conv-1");

        Assert.That(record, Is.Not.Null);
        Assert.That(record!.ConversationId, Is.EqualTo("conv-1"));
        Assert.That(record.Reference.ServiceUrl, Is.EqualTo("https://service.example/"));
        Assert.That(record.Reference.User.Id, Is.EqualTo("user-1"));
        Assert.That(record.Reference.ChannelId, Is.EqualTo("webchat"));
        Assert.That(record.AccountId, Is.Null);
        Assert.That(record.CreatedAt, Is.EqualTo(Start));
    }

    [Test]
    public async Task SaveReferenceAsync_Again_UpdatesReferenceKeepsLinkAndCreatedAt()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteConversationStore(database, _time);
        await store.SaveReferenceAsync(Reference("conv-1", "https://old.example/"));
        await store.LinkAccountAsync("conv-1", "acct-1001");
        _time.Advance(TimeSpan.FromHours(1));

        await store.SaveReferenceAsync(Reference("conv-1", "https://new.example/"));
        var record = await store.GetAsync("conv-1");

        Assert.That(record!.Reference.ServiceUrl, Is.EqualTo("https://new.example/"));
        Assert.That(record.AccountId, Is.EqualTo("acct-1001"));
        Assert.That(record.CreatedAt, Is.EqualTo(Start));
    }

    [Test]
    public async Task LinkAccountAsync_UnknownConversation_ReturnsFalse()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteConversationStore(database, _time);

        Assert.That(await store.LinkAccountAsync("nope", "acct-1001"), Is.False);
        Assert.That(await store.GetAsync("nope"), Is.Null);
    }

    [Test]
    public void SaveReferenceAsync_NoConversationId_ThrowsArgumentException()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteConversationStore(database, _time);

        Assert.ThrowsAsync<ArgumentException>(() => store.SaveReferenceAsync(new ConversationReference()));
    }

    [Test]
    public async Task GetAsync_AfterReopen_ReturnsLinkedConversation()
    {
        using (var database = _folder.OpenDatabase())
        {
            var store = new SqliteConversationStore(database, _time);
            await store.SaveReferenceAsync(Reference("conv-1", "https://service.example/"));
            Assert.That(await store.LinkAccountAsync("conv-1", "acct-1002"), Is.True);
        }

        using var reopened = _folder.OpenDatabase();
        var record = await new SqliteConversationStore(reopened, _time).GetAsync("conv-1");

        Assert.That(record!.AccountId, Is.EqualTo("acct-1002"));
        Assert.That(record.Reference.Conversation.Id, Is.EqualTo("conv-1"));
    }

    private static ConversationReference Reference(string conversationId, string serviceUrl) => new()
    {
        ActivityId = "act-1",
        ChannelId = "webchat",
        ServiceUrl = serviceUrl,
        User = new ChannelAccount("user-1", "Customer"),
        Bot = new ChannelAccount("bot-1", "SupportShield"),
        Conversation = new ConversationAccount(id: conversationId),
        Locale = "en-US",
    };
}
