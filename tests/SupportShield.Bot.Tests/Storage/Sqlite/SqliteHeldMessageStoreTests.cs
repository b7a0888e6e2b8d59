using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Detection.Policy;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteHeldMessageStoreTests
{
    private static readonly DateTimeOffset HeldAt = new(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(-7));

    private static readonly DecisionReason[] Reasons =
    [
        new("ADDRESS", "address.us-street", "outgoing.address.unverified", PolicyAction.Hold, "holds a street address on file; customer not verified"),
        new("EMAIL", "email.basic", "outgoing.email.unverified", PolicyAction.Redact, "holds an email"),
    ];

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task AddAsync_ThenListHeld_RoundTripsWithIncreasingSequence()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);

        var first = await store.AddAsync("m1", "c1", """{"type":"message","text":"742 Evergreen Terrace"}""", "agent", Reasons, HeldAt);
        var second = await store.AddAsync("m2", "c1", """{"type":"message"}""", "bot", [], HeldAt.AddMinutes(1));
        await store.AddAsync("m3", "other", """{"type":"message"}""", "bot", [], HeldAt);
        var held = await store.ListHeldAsync("c1");

        Assert.That(second.Sequence, Is.GreaterThan(first.Sequence));
        Assert.That(held.Select(m => m.MessageId), Is.EqualTo(new[] { "m1", "m2" }));
        var stored = held[0];
        Assert.That(stored.ActivityJson, Is.EqualTo("""{"type":"message","text":"742 Evergreen Terrace"}"""));
        Assert.That(stored.SenderRole, Is.EqualTo("agent"));
        Assert.That(stored.Reasons, Is.EqualTo(Reasons));
        Assert.That(stored.HeldAt, Is.EqualTo(HeldAt));
        Assert.That(stored.HeldAt.Offset, Is.EqualTo(HeldAt.Offset));
        Assert.That(stored.State, Is.EqualTo(HeldMessageState.Held));
        Assert.That(stored.Sequence, Is.EqualTo(first.Sequence));
    }

    [Test]
    public async Task TryClaimAsync_ManyConcurrentClaims_ExactlyOneWins()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.TryClaimAsync("m1"))));

        Assert.That(results.Count(won => won), Is.EqualTo(1));
        Assert.That((await store.GetAsync("m1"))!.State, Is.EqualTo(HeldMessageState.Releasing));
        Assert.That(await store.ListHeldAsync("c1"), Is.Empty);
    }

    [Test]
    public async Task TryClaimAsync_TwoStoresOnSameFile_OnlyOneWins()
    {
        using var database = _folder.OpenDatabase();
        using var otherProcess = _folder.OpenDatabase();
        await new SqliteHeldMessageStore(database).AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);

        var first = await new SqliteHeldMessageStore(database).TryClaimAsync("m1");
        var second = await new SqliteHeldMessageStore(otherProcess).TryClaimAsync("m1");

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
    }

    [Test]
    public async Task MarkReleasedAsync_AfterClaim_IsReleasedAndCannotBeClaimedAgain()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);

        Assert.That(await store.TryClaimAsync("m1"), Is.True);
        await store.MarkReleasedAsync("m1", HeldAt.AddMinutes(5));

        Assert.That(await store.TryClaimAsync("m1"), Is.False);
        var all = await store.ListAllAsync("c1");
        Assert.That(all.Single().State, Is.EqualTo(HeldMessageState.Released));
    }

    [Test]
    public async Task MarkReleasedAsync_NotClaimed_ThrowsAndKeepsHeld()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);

        Assert.ThrowsAsync<InvalidOperationException>(() => store.MarkReleasedAsync("m1", HeldAt));

        Assert.That((await store.GetAsync("m1"))!.State, Is.EqualTo(HeldMessageState.Held));
    }

    [Test]
    public async Task ReturnToHeldAsync_AfterClaim_IsHeldAgainAndClaimable()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);
        await store.TryClaimAsync("m1");

        await store.ReturnToHeldAsync("m1");

        Assert.That((await store.ListHeldAsync("c1")).Single().MessageId, Is.EqualTo("m1"));
        Assert.That(await store.TryClaimAsync("m1"), Is.True);
    }

    [Test]
    public async Task ReturnToHeldAsync_Released_ThrowsAndStaysReleased()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);
        await store.TryClaimAsync("m1");
        await store.MarkReleasedAsync("m1", HeldAt);

        Assert.ThrowsAsync<InvalidOperationException>(() => store.ReturnToHeldAsync("m1"));

        Assert.That((await store.GetAsync("m1"))!.State, Is.EqualTo(HeldMessageState.Released));
    }

    [Test]
    public async Task AddAsync_DuplicateMessageId_ThrowsAndKeepsOriginal()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m1", "c1", """{"original":true}""", "agent", Reasons, HeldAt);

        var exception = Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync("m1", "c1", "{}", "bot", [], HeldAt));

        Assert.That(exception!.Message, Does.Contain("m1"));
        Assert.That((await store.GetAsync("m1"))!.ActivityJson, Is.EqualTo("""{"original":true}"""));
    }

    [Test]
    public async Task ListAllAsync_AfterReopen_KeepsMessagesAndSequenceKeepsGrowing()
    {
        long before;
        using (var database = _folder.OpenDatabase())
        {
            var store = new SqliteHeldMessageStore(database);
            await store.AddAsync("m1", "c1", "{}", "agent", Reasons, HeldAt);
            before = (await store.AddAsync("m2", "c1", "{}", "agent", Reasons, HeldAt)).Sequence;
            await store.TryClaimAsync("m1");
        }

        using var reopened = _folder.OpenDatabase();
        var again = new SqliteHeldMessageStore(reopened);
        var after = await again.AddAsync("m3", "c1", "{}", "agent", Reasons, HeldAt);
        var all = await again.ListAllAsync("c1");

        Assert.That(after.Sequence, Is.GreaterThan(before));
        Assert.That(all.Select(m => (m.MessageId, m.State)), Is.EqualTo(new[]
        {
            ("m1", HeldMessageState.Releasing),
            ("m2", HeldMessageState.Held),
            ("m3", HeldMessageState.Held),
        }));
        Assert.That(all[1].Reasons, Is.EqualTo(Reasons));
    }

    [Test]
    public async Task UpdateReasonsAsync_ReplacesTheReasonsAgentsSee()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteHeldMessageStore(database);
        await store.AddAsync("m-reasons", "c1", "{}", "agent", [new DecisionReason("ADDRESS", "r1", "p1", PolicyAction.Hold, "first")], DateTimeOffset.UnixEpoch);

        var updated = await store.UpdateReasonsAsync("m-reasons", [new DecisionReason("ADDRESS", "r1", "account.disclosure-lock", PolicyAction.Hold, "locked")]);
        var unknown = await store.UpdateReasonsAsync("nope", []);

        Assert.That(updated, Is.True);
        Assert.That(unknown, Is.False);
        Assert.That((await store.ListHeldAsync("c1")).Single().Reasons.Single().PolicyRule, Is.EqualTo("account.disclosure-lock"));
    }
}
