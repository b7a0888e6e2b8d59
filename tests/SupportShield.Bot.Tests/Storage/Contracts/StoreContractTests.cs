using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.FalsePositives;
using SupportShield.Bot.HoldOverrides;
using SupportShield.Detection.Policy;
using SupportShield.Dialogs.Email;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Tests.Storage.Contracts;

/// <summary>
/// What every storage provider must do, run against SQLite and PostgreSQL alike. Tests marked "two instances" open two
/// independent database instances on the same data, as two hosts would (for SQLite: two processes on one file).
/// </summary>
[TestFixture(StorageKind.Sqlite)]
[TestFixture(StorageKind.Postgres)]
public sealed class StoreContractTests
{
    private static readonly DateTimeOffset At = new(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(-7));

    private static readonly DecisionReason[] Reasons =
    [
        new("ADDRESS", "address.us-street", "outgoing.address.unverified", PolicyAction.Hold, "holds a street address on file; customer not verified"),
    ];

    private readonly StorageKind _kind;
    private StoreBackend _backend = null!;

    public StoreContractTests(StorageKind kind) => _kind = kind;

    [SetUp]
    public async Task SetUpAsync() => _backend = await StoreBackend.CreateAsync(_kind);

    [TearDown]
    public async Task TearDownAsync() => await _backend.DisposeAsync();

    [Test]
    public async Task HeldMessages_AddThenList_RoundTripsInSequenceOrder()
    {
        var stores = _backend.OpenInstance();
        var first = await stores.Held.AddAsync("m1", "c1", """{"type":"message","text":"742 Evergreen Terrace"}""", "agent", Reasons, At);
        var second = await stores.Held.AddAsync("m2", "c1", """{"type":"message"}""", "bot", [], At.AddMinutes(1));
        await stores.Held.AddAsync("m3", "other", "{}", "bot", [], At);

        var held = await stores.Held.ListHeldAsync("c1");

        Assert.That(second.Sequence, Is.GreaterThan(first.Sequence));
        Assert.That(held.Select(m => m.MessageId), Is.EqualTo(new[] { "m1", "m2" }));
        Assert.That(held[0].ActivityJson, Is.EqualTo("""{"type":"message","text":"742 Evergreen Terrace"}"""));
        Assert.That(held[0].Reasons, Is.EqualTo(Reasons));
        Assert.That(held[0].HeldAt, Is.EqualTo(At));
        Assert.That(held[0].HeldAt.Offset, Is.EqualTo(At.Offset));
        Assert.That(held[0].State, Is.EqualTo(HeldMessageState.Held));
    }

    [Test]
    public async Task HeldMessages_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        var stores = _backend.OpenInstance();
        await stores.Held.AddAsync("m1", "c1", """{"text":"first"}""", "agent", Reasons, At);

        Assert.ThrowsAsync<InvalidOperationException>(() => stores.Held.AddAsync("m1", "c1", """{"text":"second"}""", "agent", Reasons, At));
        Assert.That((await stores.Held.ListAllAsync("c1")).Single(m => m.MessageId == "m1").ActivityJson, Is.EqualTo("""{"text":"first"}"""));
    }

    [Test]
    public async Task HeldMessages_ClaimsFromTwoInstances_ExactlyOneWinsEachMessage()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();
        var ids = Enumerable.Range(0, 10).Select(i => "m" + i).ToArray();
        foreach (var id in ids)
        {
            await a.Held.AddAsync(id, "c1", "{}", "agent", Reasons, At);
        }

        var claims = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 6).Select(i => Task.Run(async () => (id, won: await (i % 2 == 0 ? a : b).Held.TryClaimAsync(id))))));

        foreach (var id in ids)
        {
            Assert.That(claims.Count(c => c.id == id && c.won), Is.EqualTo(1), id);
        }

        Assert.That(await b.Held.ListHeldAsync("c1"), Is.Empty);
    }

    [Test]
    public async Task HeldMessages_ReleaseLifecycle_OnlyFromAClaim()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();
        await a.Held.AddAsync("m1", "c1", "{}", "agent", Reasons, At);

        Assert.ThrowsAsync<InvalidOperationException>(() => b.Held.MarkReleasedAsync("m1", At));
        Assert.That(await a.Held.TryClaimAsync("m1"), Is.True);
        await b.Held.ReturnToHeldAsync("m1");
        Assert.That((await a.Held.ListAllAsync("c1")).Single(m => m.MessageId == "m1").State, Is.EqualTo(HeldMessageState.Held));
        Assert.That(await b.Held.TryClaimAsync("m1"), Is.True);
        await a.Held.MarkReleasedAsync("m1", At.AddMinutes(2));

        Assert.That((await b.Held.ListAllAsync("c1")).Single(m => m.MessageId == "m1").State, Is.EqualTo(HeldMessageState.Released));
        Assert.That(await b.Held.TryClaimAsync("m1"), Is.False);
        Assert.ThrowsAsync<InvalidOperationException>(() => b.Held.ReturnToHeldAsync("m1"));
        Assert.That(await a.Held.UpdateReasonsAsync("m1", []), Is.True);
        Assert.That((await a.Held.ListAllAsync("c1")).Single().Reasons, Is.Empty);
    }

    [Test]
    public async Task BotState_WriteThenRead_ReturnsWrittenTypesWithETags()
    {
        var stores = _backend.OpenInstance();
        await stores.BotState.WriteAsync(new Dictionary<string, object>
        {
            ["item"] = new StateItem { Name = "Solo", Count = 3 },
            ["plain"] = new Dictionary<string, object> { ["count"] = 7L },
        });

        var read = await _backend.OpenInstance().BotState.ReadAsync(["item", "plain", "missing"]);

        Assert.That(read.Keys, Is.EquivalentTo(new[] { "item", "plain" }));
        var item = (StateItem)read["item"];
        Assert.That(item.Name, Is.EqualTo("Solo"));
        Assert.That(item.Count, Is.EqualTo(3));
        Assert.That(item.ETag, Is.Not.Null.And.Not.Empty);
        Assert.That(((Dictionary<string, object>)read["plain"])["count"], Is.EqualTo(7L));
    }

    [Test]
    public async Task BotState_StaleETagFromAnotherInstance_ThrowsAndWritesNothing()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();
        await a.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = new StateItem { Name = "v1" } });
        var onA = (StateItem)(await a.BotState.ReadAsync(["k"]))["k"];
        var onB = (StateItem)(await b.BotState.ReadAsync(["k"]))["k"];

        onA.Name = "winner";
        await a.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = onA });
        onB.Name = "loser";
        var exception = Assert.ThrowsAsync<InvalidOperationException>(() => b.BotState.WriteAsync(new Dictionary<string, object>
        {
            ["other"] = new StateItem { Name = "same batch" },
            ["k"] = onB,
        }));

        Assert.That(exception!.Message, Does.Contain("Etag conflict"));
        var stored = await a.BotState.ReadAsync(["k", "other"]);
        Assert.That(((StateItem)stored["k"]).Name, Is.EqualTo("winner"));
        Assert.That(stored.ContainsKey("other"), Is.False, "a failed batch writes nothing");
    }

    [Test]
    public async Task BotState_NewItemCreatedMeanwhileByAnotherInstance_SecondCreateThrows()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();

        await a.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = new StateItem { Name = "a" } });

        Assert.ThrowsAsync<InvalidOperationException>(() => b.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = new StateItem { Name = "b" } }));
        Assert.That(((StateItem)(await b.BotState.ReadAsync(["k"]))["k"]).Name, Is.EqualTo("a"));
    }

    [Test]
    public async Task BotState_StarETagOverwritesAndDeleteRemoves()
    {
        var a = _backend.OpenInstance();
        await a.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = new StateItem { Name = "v1" } });

        await a.BotState.WriteAsync(new Dictionary<string, object> { ["k"] = new StateItem { Name = "forced", ETag = "*" } });
        Assert.That(((StateItem)(await a.BotState.ReadAsync(["k"]))["k"]).Name, Is.EqualTo("forced"));

        await a.BotState.DeleteAsync(["k"]);
        Assert.That(await a.BotState.ReadAsync(["k"]), Is.Empty);
    }

    [Test]
    public async Task BotState_ConcurrentReadModifyWriteFromTwoInstances_LosesNoUpdate()
    {
        var instances = new[] { _backend.OpenInstance(), _backend.OpenInstance() };
        await instances[0].BotState.WriteAsync(new Dictionary<string, object> { ["counter"] = new StateItem { Count = 0 } });

        // Each increment retries on an ETag conflict, as Bot Framework callers do: no increment may be lost.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var storage = instances[i % 2].BotState;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var item = (StateItem)(await storage.ReadAsync(["counter"]))["counter"];
                item.Count++;
                try
                {
                    await storage.WriteAsync(new Dictionary<string, object> { ["counter"] = item });
                    return;
                }
                catch (InvalidOperationException)
                {
                }
            }

            Assert.Fail("an increment never got through");
        })));

        Assert.That(((StateItem)(await instances[1].BotState.ReadAsync(["counter"]))["counter"]).Count, Is.EqualTo(20));
    }

    [Test]
    public async Task Audit_AppendsFromTwoInstancesAtOnce_FormOneIntactChain()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Audit.AppendAsync(new AuditRecord(At.AddSeconds(i), "c" + (i % 3), "outgoing", "held", ["ADDRESS"], ["r1"], "7** E******** T******", ["ab"], "m" + i, i % 5 == 0 ? "agent-7" : null)))));

        var report = await b.Audit.VerifyAsync();
        Assert.That(report.IsIntact, Is.True, report.FirstBreak?.Description);
        Assert.That(report.VerifiedRecords, Is.EqualTo(40));
        var recent = await a.Audit.ListRecentAsync(null, 100);
        Assert.That(recent.Select(r => r.Id), Is.Ordered.Ascending);
        Assert.That(recent[^1].Hash, Is.EqualTo(report.HeadHash));
        Assert.That(recent.Skip(1).Select(r => r.PreviousHash), Is.EqualTo(recent.SkipLast(1).Select(r => r.Hash)));
        Assert.That((await a.Audit.ListAsync("c1")).Select(r => r.MessageId), Is.EquivalentTo(Enumerable.Range(0, 40).Where(i => i % 3 == 1).Select(i => "m" + i)));
    }

    [Test]
    public async Task Conversations_SaveGetLink_SeenByAnotherInstance()
    {
        var a = _backend.OpenInstance();
        var reference = new ConversationReference { Conversation = new ConversationAccount(id: "c1"), ChannelId = "dev", ServiceUrl = "http://127.0.0.1/" };
        await a.Conversations.SaveReferenceAsync(reference);

        var b = _backend.OpenInstance();
        Assert.That(await b.Conversations.LinkAccountAsync("c1", "acct-1001"), Is.True);
        Assert.That(await b.Conversations.LinkAccountAsync("missing", "acct-1001"), Is.False);
        var record = await a.Conversations.GetAsync("c1");

        Assert.That(record!.AccountId, Is.EqualTo("acct-1001"));
        Assert.That(record.Reference.ServiceUrl, Is.EqualTo("http://127.0.0.1/"));
        Assert.That(await a.Conversations.GetAsync("missing"), Is.Null);
    }

    [Test]
    public async Task Conversations_ListRecent_MostRecentActivityFirst_CountingLinesAndHolds()
    {
        var time = new FakeTimeProvider(At);
        var stores = _backend.OpenInstance(time);
        foreach (var id in new[] { "quiet", "talking", "holding" })
        {
            await stores.Conversations.SaveReferenceAsync(new ConversationReference { Conversation = new ConversationAccount(id: id), ChannelId = "dev", ServiceUrl = "http://127.0.0.1/" });
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await stores.Conversations.LinkAccountAsync("holding", "acct-1001");
        await stores.Transcripts.AppendAsync(new TranscriptEntry("talking", TranscriptRole.Customer, "hello?", At.AddMinutes(30)));
        await stores.Held.AddAsync("m1", "holding", "{}", "agent", Reasons, At.AddMinutes(20));

        var all = await _backend.OpenInstance().Conversations.ListRecentAsync(10);
        var top = await stores.Conversations.ListRecentAsync(1);

        Assert.That(all.Select(c => c.ConversationId), Is.EqualTo(new[] { "talking", "holding", "quiet" }));
        Assert.That(all[0].LastActivityAt, Is.EqualTo(At.AddMinutes(30)));
        Assert.That(all[1].LastActivityAt, Is.EqualTo(At.AddMinutes(20)));
        Assert.That(all[1].AccountId, Is.EqualTo("acct-1001"));
        Assert.That(all[2].CreatedAt, Is.EqualTo(At));
        Assert.That(top.Select(c => c.ConversationId), Is.EqualTo(new[] { "talking" }));
    }

    [Test]
    public async Task Overrides_ListForConversation_OldestFirst_OnlyThatConversation()
    {
        var stores = _backend.OpenInstance();
        await stores.Overrides.AddAsync(new OverrideRequest("r2", "c1", "m2", "agent-7", "***", OverrideStatus.Pending, At.AddMinutes(2)));
        await stores.Overrides.AddAsync(new OverrideRequest("r1", "c1", "m1", "agent-7", "***", OverrideStatus.Pending, At));
        await stores.Overrides.AddAsync(new OverrideRequest("r3", "c2", "m3", "agent-7", "***", OverrideStatus.Pending, At));

        var listed = await _backend.OpenInstance().Overrides.ListForConversationAsync("c1");

        Assert.That(listed.Select(r => r.RequestId), Is.EqualTo(new[] { "r1", "r2" }));
    }

    [Test]
    public async Task Audit_CountActions_CountsByDirectionAndActionWithinThePeriod()
    {
        var stores = _backend.OpenInstance();
        await stores.Audit.AppendAsync(new AuditRecord(At.AddHours(-2), "c1", "outgoing", "held", ["ADDRESS"], ["r1"], null, []));
        await stores.Audit.AppendAsync(new AuditRecord(At, "c1", "outgoing", "held", ["ADDRESS"], ["r1"], null, []));
        await stores.Audit.AppendAsync(new AuditRecord(At.AddMinutes(1), "c2", "outgoing", "held", ["PHONE"], ["r2"], null, []));
        await stores.Audit.AppendAsync(new AuditRecord(At.AddMinutes(2), "c2", "incoming", "received", [], [], null, []));
        await stores.Audit.AppendAsync(new AuditRecord(At.AddHours(1), "c2", "outgoing", "held", [], [], null, []));

        var counts = await ((IAuditActionCounts)stores.Audit).CountActionsAsync(At.AddMinutes(-30), At.AddMinutes(30));

        Assert.That(counts, Is.EquivalentTo(new[]
        {
            new AuditActionCount("outgoing", "held", 2),
            new AuditActionCount("incoming", "received", 1),
        }));
    }

    [Test]
    public async Task Transcripts_AppendThenList_InTimeOrder()
    {
        var stores = _backend.OpenInstance();
        await stores.Transcripts.AppendAsync(new TranscriptEntry("c1", TranscriptRole.Agent, "second", At.AddMinutes(1)));
        await stores.Transcripts.AppendAsync(new TranscriptEntry("c1", TranscriptRole.Customer, "first", At));
        await stores.Transcripts.AppendAsync(new TranscriptEntry("c1", TranscriptRole.Bot, "third", At.AddMinutes(2)));

        Assert.That((await stores.Transcripts.ListAsync("c1")).Select(e => e.Text), Is.EqualTo(new[] { "first", "second", "third" }));
        Assert.That((await stores.Transcripts.ListRecentAsync("c1", 2)).Select(e => e.Text), Is.EqualTo(new[] { "second", "third" }));
        Assert.That((await stores.Transcripts.ListAsync("c1"))[0].Time, Is.EqualTo(At));
    }

    [Test]
    public async Task DevOutbox_AddThenList_NewestFirstOnAnyInstance()
    {
        var a = _backend.OpenInstance();
        await a.DevOutbox.AddAsync(new EmailMessage("jane@example.com", "Code", "Your code is 12345678"), At);
        await a.DevOutbox.AddAsync(new EmailMessage("jane@example.com", "Notice", "Someone asked"), At.AddMinutes(1));

        var listed = await _backend.OpenInstance().DevOutbox.ListAsync(10);

        Assert.That(listed.Select(e => e.Subject), Is.EqualTo(new[] { "Notice", "Code" }));
        Assert.That(listed[1].Body, Is.EqualTo("Your code is 12345678"));
    }

    [Test]
    public async Task Overrides_TwoInstancesDecideAtOnce_ExactlyOneDecides()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();
        await a.Overrides.AddAsync(new OverrideRequest("r1", "c1", "m1", "agent-7", "customer ******** ****", OverrideStatus.Pending, At));

        var decisions = await Task.WhenAll(
            Task.Run(() => a.Overrides.TryDecideAsync("r1", OverrideStatus.Pending, OverrideStatus.Approved, "sup-1", At.AddMinutes(1))),
            Task.Run(() => b.Overrides.TryDecideAsync("r1", OverrideStatus.Pending, OverrideStatus.Rejected, "sup-2", At.AddMinutes(1))));

        Assert.That(decisions.Count(d => d), Is.EqualTo(1));
        var stored = await b.Overrides.GetAsync("r1");
        Assert.That(stored!.Status, Is.EqualTo(decisions[0] ? OverrideStatus.Approved : OverrideStatus.Rejected));
        Assert.That(stored.DecidedBy, Is.EqualTo(decisions[0] ? "sup-1" : "sup-2"));
        Assert.That(await a.Overrides.GetAsync("missing"), Is.Null);
    }

    [Test]
    public async Task FalsePositives_AddThenList_NewestFirst()
    {
        var stores = _backend.OpenInstance();
        await stores.FalsePositives.AddAsync(new FalsePositiveReport("f1", "c1", "m1", "agent-7", null, [new FiredRule("ADDRESS", "r1", "p1")], ["ADDRESS"], "7** E****", At));
        await stores.FalsePositives.AddAsync(new FalsePositiveReport("f2", "c1", "m2", "agent-7", "n*te", [], [], "****", At.AddMinutes(1)));

        var listed = await stores.FalsePositives.ListAsync(10);

        Assert.That(listed.Select(r => r.ReportId), Is.EqualTo(new[] { "f2", "f1" }));
        Assert.That(listed[1].Rules, Is.EqualTo(new[] { new FiredRule("ADDRESS", "r1", "p1") }));
        Assert.That(listed[0].MaskedNote, Is.EqualTo("n*te"));
    }

    [Test]
    public async Task Secrets_GetOrAddFromTwoInstancesAtOnce_AllGetTheSameValue()
    {
        var a = _backend.OpenInstance();
        var b = _backend.OpenInstance();

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Database.GetOrAddSecret("hash-key", () => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))));

        Assert.That(values.Select(Convert.ToHexString).Distinct().Count(), Is.EqualTo(1));
        Assert.That(values[0], Has.Length.EqualTo(32));
    }

    [Test]
    public async Task Probe_AnswersWithTheSchemaVersion()
    {
        var stores = _backend.OpenInstance();

        Assert.That(await stores.Database.ProbeAsync(), Is.GreaterThanOrEqualTo(1));
    }

    /// <summary>A Bot Framework store item, as dialog or verification state is.</summary>
    public sealed class StateItem : IStoreItem
    {
        public string? Name { get; set; }

        public int Count { get; set; }

        public string? ETag { get; set; }
    }
}
