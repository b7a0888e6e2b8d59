using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteBotStorageTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task ReadAsync_AfterWrite_ReturnsObjectsOfTheWrittenTypes()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        var state = new Dictionary<string, object>
        {
            ["profile"] = new CustomerProfile { Name = "Jane", Visits = 3, Tags = ["vip"] },
            ["count"] = 7L,
        };

        await storage.WriteAsync(new Dictionary<string, object> { ["user/1"] = state, ["item"] = new CustomerProfile { Name = "Solo" } });
        var read = await storage.ReadAsync(["user/1", "item", "missing"]);

        Assert.That(read.Keys, Is.EquivalentTo(new[] { "user/1", "item" }));
        var readState = (Dictionary<string, object>)read["user/1"];
        var profile = (CustomerProfile)readState["profile"];
        Assert.That(profile.Name, Is.EqualTo("Jane"));
        Assert.That(profile.Visits, Is.EqualTo(3));
        Assert.That(profile.Tags, Is.EqualTo(new[] { "vip" }));
        Assert.That(readState["count"], Is.EqualTo(7L));
        var item = (CustomerProfile)read["item"];
        Assert.That(item.Name, Is.EqualTo("Solo"));
        Assert.That(item.ETag, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task WriteAsync_CurrentETag_SucceedsAndChangesETag()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new CustomerProfile { Name = "v1" } });
        var current = (CustomerProfile)(await storage.ReadAsync(["k"]))["k"];
        var firstETag = current.ETag;

        current.Name = "v2";
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = current });
        var updated = (CustomerProfile)(await storage.ReadAsync(["k"]))["k"];

        Assert.That(updated.Name, Is.EqualTo("v2"));
        Assert.That(updated.ETag, Is.Not.EqualTo(firstETag));
    }

    [Test]
    public async Task WriteAsync_StaleETag_ThrowsAndWritesNothing()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new CustomerProfile { Name = "v1" } });
        var stale = (CustomerProfile)(await storage.ReadAsync(["k"]))["k"];
        var winner = (CustomerProfile)(await storage.ReadAsync(["k"]))["k"];
        winner.Name = "winner";
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = winner });

        stale.Name = "loser";
        var exception = Assert.ThrowsAsync<InvalidOperationException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["other"] = new CustomerProfile { Name = "same batch" },
            ["k"] = stale,
        }));

        Assert.That(exception!.Message, Does.StartWith("Etag conflict"));
        var read = await storage.ReadAsync(["k", "other"]);
        Assert.That(((CustomerProfile)read["k"]).Name, Is.EqualTo("winner"));
        Assert.That(read.ContainsKey("other"), Is.False);
    }

    [Test]
    public async Task WriteAsync_WildcardETag_Overwrites()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new CustomerProfile { Name = "v1" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new CustomerProfile { Name = "forced", ETag = "*" } });

        Assert.That(((CustomerProfile)(await storage.ReadAsync(["k"]))["k"]).Name, Is.EqualTo("forced"));
    }

    [Test]
    public async Task WriteAsync_JObjectWithStaleETag_Throws()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        await storage.WriteAsync(new Dictionary<string, object> { ["k"] = new JObject { ["value"] = 1, ["ETag"] = "*" } });
        var read = (JObject)(await storage.ReadAsync(["k"]))["k"];

        Assert.That(read.Value<int>("value"), Is.EqualTo(1));
        Assert.ThrowsAsync<InvalidOperationException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["k"] = new JObject { ["value"] = 2, ["ETag"] = "stale" } }));
    }

    [Test]
    public async Task DeleteAsync_ExistingKey_RemovesIt()
    {
        using var database = _folder.OpenDatabase();
        var storage = new SqliteBotStorage(database, TimeProvider.System);
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new CustomerProfile(), ["b"] = new CustomerProfile() });

        await storage.DeleteAsync(["a", "never-there"]);

        Assert.That((await storage.ReadAsync(["a", "b"])).Keys, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task ReadAsync_AfterReopen_ReturnsTypedState()
    {
        using (var database = _folder.OpenDatabase())
        {
            await new SqliteBotStorage(database, TimeProvider.System)
                .WriteAsync(new Dictionary<string, object> { ["k"] = new CustomerProfile { Name = "kept", Visits = 2 } });
        }

        using var reopened = _folder.OpenDatabase();
        var read = await new SqliteBotStorage(reopened, TimeProvider.System).ReadAsync(["k"]);

        Assert.That(read["k"], Is.TypeOf<CustomerProfile>().With.Property(nameof(CustomerProfile.Visits)).EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_StoredTypeOutsideAllowedAssemblies_Throws()
    {
        using var database = _folder.OpenDatabase();
        using (var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO bot_state (key, json, etag, updated_at)
                VALUES ('evil', '{"$type":"System.IO.FileInfo, System.Private.CoreLib","OriginalPath":"/tmp/x","FullPath":"/tmp/x"}', NULL, 'now');
                """;
            command.ExecuteNonQuery();
        }

        var storage = new SqliteBotStorage(database, TimeProvider.System);

        Assert.That(async () => await storage.ReadAsync(["evil"]), Throws.Exception.With.Message.Contains("System.IO.FileInfo"));
    }

    [Test]
    public async Task ConversationState_SavedThenReopened_ReturnsTypedProperty()
    {
        var activity = MessageActivity("conv-state-1");
        using (var database = _folder.OpenDatabase())
        {
            var state = new ConversationState(new SqliteBotStorage(database, TimeProvider.System));
            using var turn = new TurnContext(new TestAdapter(), activity);
            await state.CreateProperty<CustomerProfile>("profile").SetAsync(turn, new CustomerProfile { Name = "Jane", Visits = 4 });
            await state.SaveChangesAsync(turn);
        }

        using var reopened = _folder.OpenDatabase();
        var restarted = new ConversationState(new SqliteBotStorage(reopened, TimeProvider.System));
        using var nextTurn = new TurnContext(new TestAdapter(), MessageActivity("conv-state-1"));
        var profile = await restarted.CreateProperty<CustomerProfile>("profile").GetAsync(nextTurn, () => new CustomerProfile());

        Assert.That(profile.Name, Is.EqualTo("Jane"));
        Assert.That(profile.Visits, Is.EqualTo(4));
    }

    private static Activity MessageActivity(string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = "test",
        Conversation = new ConversationAccount(id: conversationId),
        From = new ChannelAccount("user-1"),
        Recipient = new ChannelAccount("bot-1"),
        Text = "hello",
    };

    public sealed class CustomerProfile : IStoreItem
    {
        public string? Name { get; set; }

        public int Visits { get; set; }

        public List<string> Tags { get; set; } = [];

        public string? ETag { get; set; }
    }
}
