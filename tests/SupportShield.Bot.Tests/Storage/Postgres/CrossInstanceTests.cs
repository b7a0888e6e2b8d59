using Microsoft.Extensions.DependencyInjection;
using SupportShield.Bot.Storage;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Notices;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Security;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Tests.Storage.Postgres;

/// <summary>Two hosts (two service providers) on one PostgreSQL database behave as one: nothing verifies twice, nothing is released twice.</summary>
public sealed class CrossInstanceTests
{
    private PostgresHosts _hosts = null!;

    [SetUp]
    public async Task SetUpAsync() => _hosts = await PostgresHosts.CreateAsync();

    [TearDown]
    public async Task TearDownAsync() => await _hosts.DisposeAsync();

    [Test]
    public async Task Verification_VerifiedThroughHostA_IsVerifiedOnHostB()
    {
        var a = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();
        var b = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();

        var issued = await a.IssueCodeAsync("conv-1", "acct-1001");
        Assert.That((await b.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.Pending));
        var check = await a.CheckCodeAsync("conv-1", issued.Code!);

        Assert.That(check.Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
        var onB = await b.GetStatusAsync("conv-1");
        Assert.That(onB.State, Is.EqualTo(VerificationState.Verified));
        Assert.That(onB.AccountId, Is.EqualTo("acct-1001"));
    }

    [Test]
    public async Task Verification_CodeIssuedOnA_IsAcceptedOnB_BecauseTheHashKeyIsShared()
    {
        var hostA = _hosts.StartHost();
        var hostB = _hosts.StartHost();
        var issued = await hostA.GetRequiredService<VerificationStateMachine>().IssueCodeAsync("conv-1", "acct-1001");

        var check = await hostB.GetRequiredService<VerificationStateMachine>().CheckCodeAsync("conv-1", issued.Code!);

        Assert.That(check.Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
        Assert.That(hostB.GetRequiredService<KeyedHasher>().Hash("p", "v"), Is.EqualTo(hostA.GetRequiredService<KeyedHasher>().Hash("p", "v")));
    }

    [Test]
    public async Task Verification_SameCodeConsumedOnTwoHostsAtOnce_ExactlyOneVerifies()
    {
        var a = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();
        var b = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();

        for (var round = 0; round < 10; round++)
        {
            var conversation = "conv-race-" + round;
            var issued = await a.IssueCodeAsync(conversation, "acct-" + round);
            using var start = new ManualResetEventSlim();
            var onA = Task.Run(() => { start.Wait(); return a.CheckCodeAsync(conversation, issued.Code!); });
            var onB = Task.Run(() => { start.Wait(); return b.CheckCodeAsync(conversation, issued.Code!); });
            start.Set();
            var outcomes = new[] { (await onA).Outcome, (await onB).Outcome };

            Assert.That(outcomes.Count(o => o == CodeCheckOutcome.Verified), Is.EqualTo(1), $"round {round}: {string.Join(", ", outcomes)}");
            Assert.That(outcomes.Count(o => o == CodeCheckOutcome.NotPending), Is.EqualTo(1), $"round {round}: {string.Join(", ", outcomes)}");
        }
    }

    [Test]
    public async Task Verification_WrongCodesSpreadOverTwoHostsAtOnce_LockAfterTheSameNumberAsOnOneHost()
    {
        var a = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();
        var b = _hosts.StartHost().GetRequiredService<VerificationStateMachine>();
        await a.IssueCodeAsync("conv-guess", "acct-1001");
        var max = a.Options.MaxWrongCodes;

        var results = await Task.WhenAll(Enumerable.Range(0, 2 * max).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).CheckCodeAsync("conv-guess", "0000000" + (i % 10)))));

        // A lost update of the counter would let an attacker guess more often by spreading guesses over hosts.
        var outcomes = results.Select(r => r.Outcome).ToList();
        Assert.That(outcomes.Count(o => o == CodeCheckOutcome.Wrong), Is.EqualTo(max - 1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == CodeCheckOutcome.LockedNow), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That((await b.GetStatusAsync("conv-guess")).State, Is.EqualTo(VerificationState.Locked));
    }

    [Test]
    public async Task IdentityToken_PresentedInTwoConversationsOnTwoHostsAtOnce_BindsToExactlyOne()
    {
        var a = _hosts.StartHost().GetRequiredService<IdentityTokenReplayGuard>();
        var b = _hosts.StartHost().GetRequiredService<IdentityTokenReplayGuard>();
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        for (var round = 0; round < 10; round++)
        {
            var token = "jti-" + round;
            var uses = await Task.WhenAll(
                Task.Run(() => a.UseAsync(token, "conv-a", expires)),
                Task.Run(() => b.UseAsync(token, "conv-b", expires)));

            Assert.That(uses.Count(u => u == IdentityTokenUse.First), Is.EqualTo(1), $"round {round}: {string.Join(", ", uses)}");
            Assert.That(uses.Count(u => u == IdentityTokenUse.Replayed), Is.EqualTo(1), $"round {round}: {string.Join(", ", uses)}");
        }
    }

    [Test]
    public async Task OwnerNotice_SameActivityOnTwoHostsAtOnce_OneEmailBetweenThem()
    {
        var hostA = _hosts.StartHost();
        var hostB = _hosts.StartHost();
        var a = hostA.GetServices<IAccountActivityObserver>().OfType<OwnerNotifier>().Single();
        var b = hostB.GetServices<IAccountActivityObserver>().OfType<OwnerNotifier>().Single();
        var activity = new AccountActivity("acct-1001", "conv-1", AccountActivityKind.DataRequested, DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).OnActivityAsync(activity))));

        // No mail server is configured: emails go to the dev outbox, which lives in the shared database too.
        var emails = await hostA.GetRequiredService<IDevOutbox>().ListAsync();
        Assert.That(emails.Count(e => e.Subject == OwnerNotifier.Subject(AccountActivityKind.DataRequested)), Is.EqualTo(1));
    }

    [Test]
    public async Task HeldMessage_ClaimedByBothHostsAtOnce_IsClaimedOnce()
    {
        var a = _hosts.StartHost().GetRequiredService<IHeldMessageStore>();
        var b = _hosts.StartHost().GetRequiredService<IHeldMessageStore>();
        for (var i = 0; i < 20; i++)
        {
            await a.AddAsync("held-" + i, "conv-1", "{}", "agent", [], DateTimeOffset.UtcNow);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            Task.Run(() => a.TryClaimAsync("held-" + i)),
            Task.Run(() => b.TryClaimAsync("held-" + i)),
        }));

        Assert.That(claims.Count(won => won), Is.EqualTo(20));
        Assert.That(await b.ListHeldAsync("conv-1"), Is.Empty);
    }

    [Test]
    public async Task Audit_HostsAppendingAtOnce_KeepOneChain_AndDevOutboxIsShared()
    {
        var hostA = _hosts.StartHost();
        var hostB = _hosts.StartHost();
        var auditA = hostA.GetRequiredService<IAuditChainStore>();
        var auditB = hostB.GetRequiredService<IAuditChainStore>();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            (i % 2 == 0 ? auditA : auditB).AppendAsync(new Middleware.Audit.AuditRecord(DateTimeOffset.UtcNow, "conv-" + (i % 4), "outgoing", "held", ["EMAIL"], ["r"], null, [], "m" + i)))));
        await hostA.GetRequiredService<IDevOutbox>().AddAsync(new Dialogs.Email.EmailMessage("jane@example.com", "Code", "body"), DateTimeOffset.UtcNow);

        var report = await auditB.VerifyAsync();
        Assert.That(report.IsIntact, Is.True, report.FirstBreak?.Description);
        Assert.That(report.VerifiedRecords, Is.EqualTo(30));
        Assert.That((await hostB.GetRequiredService<IDevOutbox>().ListAsync()).Single().To, Is.EqualTo("jane@example.com"));
    }

    [Test]
    public async Task Audit_HostsTakingTurns_EachAfterTheOthersHead_KeepOneIntactChainInOrder()
    {
        var auditA = _hosts.StartHost().GetRequiredService<IAuditChainStore>();
        var auditB = _hosts.StartHost().GetRequiredService<IAuditChainStore>();

        // A's later appends follow the head it wrote last, unless B moved it: every switch of writer is such a move.
        string[] writers = ["a", "a", "a", "b", "a", "a", "b", "b", "a"];
        for (var i = 0; i < writers.Length; i++)
        {
            await (writers[i] == "a" ? auditA : auditB).AppendAsync(
                new Middleware.Audit.AuditRecord(DateTimeOffset.UtcNow, "conv-turns", "outgoing", "delivered", [], ["r"], null, [], "m" + i));
        }

        var report = await auditA.VerifyAsync();
        Assert.That(report.IsIntact, Is.True, report.FirstBreak?.Description);
        Assert.That(report.VerifiedRecords, Is.EqualTo(writers.Length));
        var listed = await auditB.ListRecentAsync("conv-turns", 100);
        Assert.That(listed.Select(r => r.Record.MessageId), Is.EqualTo(Enumerable.Range(0, writers.Length).Select(i => "m" + i)), "one chain, in the order written");
    }
}
