using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteTranscriptStoreTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task ListAsync_AppendedOutOfOrder_ReturnsOldestFirstForThatConversation()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteTranscriptStore(database);
        var late = new TranscriptEntry("c1", TranscriptRole.Agent, "Happy to help.", Start.AddMinutes(1));
        var early = new TranscriptEntry("c1", TranscriptRole.Customer, "Hi, where is my parcel?", Start);

        await store.AppendAsync(late);
        await store.AppendAsync(early);
        await store.AppendAsync(new TranscriptEntry("c2", TranscriptRole.Bot, "other", Start));

        Assert.That(await store.ListAsync("c1"), Is.EqualTo(new[] { early, late }));
    }

    [Test]
    public async Task ListRecentAsync_MoreLinesThanAsked_ReturnsTheLastOnesOldestFirst()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteTranscriptStore(database);
        var lines = Enumerable.Range(0, 5).Select(i => new TranscriptEntry("c1", TranscriptRole.Agent, $"line {i}", Start.AddMinutes(i))).ToList();
        foreach (var line in lines)
        {
            await store.AppendAsync(line);
        }

        Assert.That(await store.ListRecentAsync("c1", 2), Is.EqualTo(new[] { lines[3], lines[4] }));
    }

    [Test]
    public async Task ListAsync_AfterReopen_KeepsEntries()
    {
        var entry = new TranscriptEntry("c1", TranscriptRole.Bot, "Please verify first.", Start);
        using (var database = _folder.OpenDatabase())
        {
            await new SqliteTranscriptStore(database).AppendAsync(entry);
        }

        using var reopened = _folder.OpenDatabase();

        Assert.That(await new SqliteTranscriptStore(reopened).ListAsync("c1"), Is.EqualTo(new[] { entry }));
    }

    [Test]
    public async Task ListAsync_UnknownConversation_IsEmpty()
    {
        using var database = _folder.OpenDatabase();

        Assert.That(await new SqliteTranscriptStore(database).ListAsync("none"), Is.Empty);
    }
}
