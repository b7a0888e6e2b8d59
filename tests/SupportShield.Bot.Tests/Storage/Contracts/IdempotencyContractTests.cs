using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.Idempotency;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Tests.Storage.Contracts;

/// <summary>Idempotency keys and processed activities on SQLite and PostgreSQL, each from two database instances as two hosts would.</summary>
[TestFixture(StorageKind.Sqlite)]
[TestFixture(StorageKind.Postgres)]
public sealed class IdempotencyContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly StorageKind _kind;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero));
    private StoreBackend _backend = null!;

    public IdempotencyContractTests(StorageKind kind) => _kind = kind;

    [SetUp]
    public async Task SetUpAsync() => _backend = await StoreBackend.CreateAsync(_kind);

    [TearDown]
    public async Task TearDownAsync() => await _backend.DisposeAsync();

    [Test]
    public async Task Key_ClaimedOnce_InProgressForOthers_TakenOverAfterTheLease_SentAndCompletedAreReplayed()
    {
        var (a, b) = (Keys(), Keys());

        var first = await a.TryClaimAsync("conv", "k1", "owner-a", Lease);
        var meanwhile = await b.TryClaimAsync("conv", "k1", "owner-b", Lease);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = await b.TryClaimAsync("conv", "k1", "owner-b", Lease);
        var lateSending = await a.MarkSendingAsync("conv", "k1", "owner-a");     // the old owner lost the key: it must not send
        await a.MarkSentAsync("conv", "k1", "owner-a", "late", "Delivered");      // and its records have no effect
        var stillPending = await a.TryClaimAsync("conv", "k1", "owner-c", Lease);
        await b.MarkSentAsync("conv", "k1", "owner-b", "activity-1", "Redacted");
        var sent = await a.TryClaimAsync("conv", "k1", "owner-c", Lease);
        await b.CompleteAsync("conv", "k1", "owner-b", "activity-1", "Redacted", """{"messageId":"activity-1"}""");
        var completed = await a.TryClaimAsync("conv", "k1", "owner-c", Lease);
        var otherScope = await a.TryClaimAsync("other-conv", "k1", "owner-a", Lease);

        Assert.That(first, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Claimed)));
        Assert.That(meanwhile.Kind, Is.EqualTo(IdempotencyClaimKind.InProgress));
        Assert.That(meanwhile.RetryAfter, Is.EqualTo(Lease));
        Assert.That(takeover, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Claimed, TakenOver: true, MayHaveBeenSent: false)));
        Assert.That(lateSending, Is.False);
        Assert.That(stillPending.Kind, Is.EqualTo(IdempotencyClaimKind.InProgress));
        Assert.That(sent, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Sent, MessageId: "activity-1", Status: "Redacted")));
        Assert.That(completed, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Completed, MessageId: "activity-1", Status: "Redacted", ResponseJson: """{"messageId":"activity-1"}""")));
        Assert.That(otherScope.Kind, Is.EqualTo(IdempotencyClaimKind.Claimed), "keys are per scope");
    }

    [Test]
    public async Task Key_HolderDiedWhileSending_TakeoverSaysItMayHaveBeenSent()
    {
        var (a, b) = (Keys(), Keys());
        await a.TryClaimAsync("conv", "k", "owner-a", Lease);
        Assert.That(await a.MarkSendingAsync("conv", "k", "owner-a"), Is.True);
        var whileLeased = await b.TryClaimAsync("conv", "k", "owner-b", Lease);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));

        var takeover = await b.TryClaimAsync("conv", "k", "owner-b", Lease);
        await b.MarkSentAsync("conv", "k", "owner-b", "activity-2", "Delivered");

        Assert.That(whileLeased.Kind, Is.EqualTo(IdempotencyClaimKind.InProgress));
        Assert.That(takeover, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Claimed, TakenOver: true, MayHaveBeenSent: true)));
        Assert.That((await a.TryClaimAsync("conv", "k", "owner-c", Lease)).Kind, Is.EqualTo(IdempotencyClaimKind.Sent));
    }

    [Test]
    public async Task Key_ClaimedAtOnceFromTwoInstances_ExactlyOneWins()
    {
        var (a, b) = (Keys(), Keys());
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).TryClaimAsync("conv", "race", "owner-" + i, Lease))));

        Assert.That(claims.Count(c => c.Kind == IdempotencyClaimKind.Claimed), Is.EqualTo(1));
        Assert.That(claims.Count(c => c.Kind == IdempotencyClaimKind.InProgress), Is.EqualTo(19));
    }

    [Test]
    public async Task Key_Abandoned_IsClaimedAtOnce_AsTakenOver_ButNotByAnotherOwner()
    {
        var keys = Keys();
        await keys.TryClaimAsync("conv", "k", "owner-a", Lease);
        await keys.AbandonAsync("conv", "k", "someone-else");
        var notAbandoned = await keys.TryClaimAsync("conv", "k", "owner-b", Lease);
        await keys.AbandonAsync("conv", "k", "owner-a");
        var fresh = await keys.TryClaimAsync("conv", "k", "owner-b", Lease);

        Assert.That(notAbandoned.Kind, Is.EqualTo(IdempotencyClaimKind.InProgress));
        // At once, within the lease of the attempt that gave it up, and marked as following an earlier attempt: the
        // sender then looks for a message that attempt may have held.
        Assert.That(fresh, Is.EqualTo(new IdempotencyClaim(IdempotencyClaimKind.Claimed, TakenOver: true)));
    }

    [Test]
    public async Task Key_ClaimedForTheFirstTime_IsNotTakenOver()
    {
        var keys = Keys();

        var first = await keys.TryClaimAsync("conv", "k", "owner-a", Lease);
        var other = await keys.TryClaimAsync("conv", "k2", "owner-b", Lease);

        Assert.That((first, other), Is.EqualTo((new IdempotencyClaim(IdempotencyClaimKind.Claimed), new IdempotencyClaim(IdempotencyClaimKind.Claimed))));
    }

    [Test]
    public async Task Transcript_SameActivityFromTwoInstances_RecordedOnce()
    {
        var (a, b) = (_backend.OpenInstance(_time).Transcripts, _backend.OpenInstance(_time).Transcripts);
        var line = new TranscriptEntry("conv", TranscriptRole.Customer, "Where is my parcel?", _time.GetUtcNow()) { ActivityId = "act-1" };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).TryAppendAsync(line))));
        await a.AppendAsync(new TranscriptEntry("conv", TranscriptRole.Agent, "Let me look.", _time.GetUtcNow()));
        await a.AppendAsync(new TranscriptEntry("conv", TranscriptRole.Agent, "Let me look.", _time.GetUtcNow()));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        Assert.That((await b.ListAsync("conv")).Select(l => l.Text), Is.EqualTo(new[] { "Where is my parcel?", "Let me look.", "Let me look." }), "lines without an activity id are all kept");
        Assert.That(await b.ContainsActivityAsync("conv", "act-1"), Is.True);
        Assert.That(await b.ContainsActivityAsync("other", "act-1"), Is.False);
        Assert.That(await b.ContainsActivityAsync("conv", "act-2"), Is.False);
    }

    private IIdempotencyStore Keys()
    {
        var database = _backend.OpenInstance(_time).Database;
        return database switch
        {
            SqliteDatabase sqlite => new SqliteIdempotencyStore(sqlite, _time),
            PostgresDatabase postgres => new PostgresIdempotencyStore(postgres, _time),
            _ => throw new InvalidOperationException("Unknown database."),
        };
    }
}
