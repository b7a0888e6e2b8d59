using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Dialogs.Verification;

namespace SupportShield.Bot.Tests.Storage.Postgres;

/// <summary>
/// A turn's read scope on a database shared by two hosts: repeated reads are answered from the scope, and writes stay
/// checked against the database, so a change made meanwhile by the other host still wins.
/// </summary>
public sealed class ReadScopeCrossInstanceTests
{
    private PostgresHosts _hosts = null!;

    [SetUp]
    public async Task SetUpAsync() => _hosts = await PostgresHosts.CreateAsync();

    [TearDown]
    public async Task TearDownAsync() => await _hosts.DisposeAsync();

    [Test]
    public async Task BotState_ReadTwiceInAScope_IsReadOnce_AndAfterTheScopeAfresh()
    {
        var a = _hosts.StartHost().GetRequiredService<IStorage>();
        var b = _hosts.StartHost().GetRequiredService<IStorage>();
        await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = new JObject { ["n"] = 1 } });

        using (StorageReadScope.Begin())
        {
            Assert.That(N(await a.ReadAsync(["state/1"])), Is.EqualTo(1));
            await WriteOutsideTheScopeAsync(b, "state/1", 2);
            Assert.That(N(await a.ReadAsync(["state/1"])), Is.EqualTo(1), "the second read of the turn comes from its scope");
        }

        Assert.That(N(await a.ReadAsync(["state/1"])), Is.EqualTo(2));
    }

    [Test]
    public async Task BotState_WrittenInAScope_IsReadBackAsWritten_WithItsNewETag()
    {
        var a = _hosts.StartHost().GetRequiredService<IStorage>();
        await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = new JObject { ["n"] = 1, ["ETag"] = "*" } });

        using (StorageReadScope.Begin())
        {
            var read = (JObject)(await a.ReadAsync(["state/1"]))["state/1"];
            read["n"] = 5;
            await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = read });
            var again = (JObject)(await a.ReadAsync(["state/1"]))["state/1"];

            Assert.That(again.Value<int>("n"), Is.EqualTo(5));
            Assert.That(again.Value<string>("ETag"), Is.Not.EqualTo(read.Value<string>("ETag")), "the ETag the write gave it, so the next write passes");
            again["n"] = 6;
            await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = again });
        }

        Assert.That(N(await a.ReadAsync(["state/1"])), Is.EqualTo(6));
    }

    [Test]
    public async Task BotState_WriteWithAStaleETagInAScope_Fails_AndTheNextReadSeesTheOtherHostsChange()
    {
        var a = _hosts.StartHost().GetRequiredService<IStorage>();
        var b = _hosts.StartHost().GetRequiredService<IStorage>();
        await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = new JObject { ["n"] = 1, ["ETag"] = "*" } });

        using (StorageReadScope.Begin())
        {
            var read = (JObject)(await a.ReadAsync(["state/1"]))["state/1"];
            await WriteOutsideTheScopeAsync(b, "state/1", 2);
            read["n"] = 3;

            Assert.That(async () => await a.WriteAsync(new Dictionary<string, object> { ["state/1"] = read }), Throws.InvalidOperationException);
            Assert.That(N(await a.ReadAsync(["state/1"])), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Verification_SameCodeOnTwoHosts_EachInAScopeThatReadTheStatusFirst_ExactlyOneVerifies()
    {
        var a = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();
        var b = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();

        for (var round = 0; round < 5; round++)
        {
            var conversation = "conv-scoped-race-" + round;
            var issued = await a.IssueCodeAsync(conversation, "acct-" + round);
            using var start = new ManualResetEventSlim();
            var onA = Task.Run(() => CheckInAScopeAsync(a, conversation, issued.Code!, start));
            var onB = Task.Run(() => CheckInAScopeAsync(b, conversation, issued.Code!, start));
            start.Set();
            var outcomes = new[] { await onA, await onB };

            Assert.That(outcomes.Count(o => o == CodeCheckOutcome.Verified), Is.EqualTo(1), $"round {round}: {string.Join(", ", outcomes)}");
        }
    }

    private static async Task<CodeCheckOutcome> CheckInAScopeAsync(VerificationStateMachine machine, string conversation, string code, ManualResetEventSlim start)
    {
        using var scope = StorageReadScope.Begin();
        await machine.GetStatusAsync(conversation);
        start.Wait();
        return (await machine.CheckCodeAsync(conversation, code)).Outcome;
    }

    private static async Task WriteOutsideTheScopeAsync(IStorage storage, string key, int n)
    {
        // Another host's request: its own flow, without this test's scope.
        Task write;
        using (ExecutionContext.SuppressFlow())
        {
            write = Task.Run(() => storage.WriteAsync(new Dictionary<string, object> { [key] = new JObject { ["n"] = n, ["ETag"] = "*" } }));
        }

        await write;
    }

    private static int N(IDictionary<string, object> items) => ((JObject)items["state/1"]).Value<int>("n");
}
