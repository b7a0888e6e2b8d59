using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Dialogs.Tests.Verification;

/// <summary>Single use, the send rate limit and the ops lock after too many failures in a row.</summary>
public sealed class VerificationStateMachineLimitsTests
{
    private const string AccountId = "acct-1001";
    private const string NeverIssued = "99999999";

    [Test]
    public async Task CheckCode_UsedCode_CannotVerifyAgainEvenWithinItsLifetime()
    {
        var harness = new ShieldHarness(codes: ["11111111", "22222222"]);
        var first = await harness.Machine.IssueCodeAsync("conv-1", AccountId);

        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", first.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", first.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.NotPending));

        // The agent asks to verify again a minute later: the used code still means nothing.
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await harness.Machine.IssueCodeAsync("conv-1", AccountId);
        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", first.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Wrong));
        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", second.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task CheckCode_ParallelEntriesOfTheRightCode_VerifyOnce()
    {
        var harness = new ShieldHarness(codes: ["11111111"]);
        var issued = await harness.Machine.IssueCodeAsync("conv-1", AccountId);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => harness.Machine.CheckCodeAsync("conv-1", issued.Code!))));

        Assert.That(results.Count(r => r.Outcome == CodeCheckOutcome.Verified), Is.EqualTo(1));
    }

    [Test]
    public async Task CheckCode_ParallelWrongCodesFromManyConversations_NoneLostSoTheLockHolds()
    {
        var harness = new ShieldHarness();
        harness.Options.MaxCodesPerWindow = 10;
        for (var i = 0; i < 10; i++)
        {
            await harness.Machine.IssueCodeAsync($"conv-{i}", AccountId);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => harness.Machine.CheckCodeAsync($"conv-{i}", NeverIssued))));

        Assert.That(results.Count(r => r.Outcome == CodeCheckOutcome.LockedNow), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Outcome == CodeCheckOutcome.Wrong), Is.EqualTo(4));
        Assert.That(results.Count(r => r.Outcome == CodeCheckOutcome.Locked), Is.EqualTo(5));
    }

    [Test]
    public async Task IssueCode_SixthWithinAnHour_RefusedThenAllowedOnceTheFirstIsAnHourOld()
    {
        var harness = new ShieldHarness();
        var start = harness.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            var issued = await harness.Machine.IssueCodeAsync(i % 2 == 0 ? "conv-a" : "conv-b", AccountId);
            Assert.That(issued.Outcome, Is.EqualTo(IssueOutcome.Issued), $"code {i + 1}");
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var sixth = await harness.Machine.IssueCodeAsync("conv-c", AccountId);
        Assert.That(sixth.Outcome, Is.EqualTo(IssueOutcome.RateLimited));
        Assert.That(sixth.Code, Is.Null);
        Assert.That(sixth.LockedUntil, Is.EqualTo(start + TimeSpan.FromHours(1)));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-c", "acct-other")).Outcome, Is.EqualTo(IssueOutcome.Issued), "another account is not limited");

        harness.Time.Advance(start + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1) - harness.Time.GetUtcNow());
        Assert.That((await harness.Machine.IssueCodeAsync("conv-c", AccountId)).Outcome, Is.EqualTo(IssueOutcome.RateLimited));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var later = await harness.Machine.IssueCodeAsync("conv-c", AccountId);
        Assert.That(later.Outcome, Is.EqualTo(IssueOutcome.Issued));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-c", AccountId)).Outcome, Is.EqualTo(IssueOutcome.RateLimited), "the second code of the window is still counted");
        Assert.That((await harness.Machine.CheckCodeAsync("conv-c", later.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task IssueCode_RateLimitIsConfigurable()
    {
        var harness = new ShieldHarness();
        harness.Options.MaxCodesPerWindow = 2;
        harness.Options.CodeSendWindow = TimeSpan.FromMinutes(10);

        Assert.That((await harness.Machine.IssueCodeAsync("conv-1", AccountId)).Outcome, Is.EqualTo(IssueOutcome.Issued));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-1", AccountId)).Outcome, Is.EqualTo(IssueOutcome.Issued));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-1", AccountId)).Outcome, Is.EqualTo(IssueOutcome.RateLimited));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-1", AccountId)).Outcome, Is.EqualTo(IssueOutcome.Issued));
    }

    [Test]
    public async Task IssueCode_UnmatchedContact_RateLimitedLikeAnAccountSoTheLimitRevealsNothing()
    {
        var harness = new ShieldHarness();
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await harness.Machine.IssueCodeAsync($"conv-{i}", null, unmatchedContact: "nobody@example.net")).Outcome, Is.EqualTo(IssueOutcome.Issued));
        }

        Assert.That((await harness.Machine.IssueCodeAsync("conv-6", null, unmatchedContact: " NOBODY@example.net ")).Outcome, Is.EqualTo(IssueOutcome.RateLimited));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-7", null, unmatchedContact: "someone.else@example.net")).Outcome, Is.EqualTo(IssueOutcome.Issued));
    }

    [Test]
    public async Task CheckCode_HundredFailuresInARowAcrossConversations_OpsLockOutlivesTheTimedLockUntilUnlocked()
    {
        var harness = new ShieldHarness();
        var last = await FailAsync(harness, cycles: 20);

        Assert.That(last.Outcome, Is.EqualTo(CodeCheckOutcome.OpsLockedNow));
        Assert.That(last.LockedUntil, Is.Null);
        Assert.That(await harness.Machine.IsOpsLockedAsync(AccountId), Is.True);

        harness.Time.Advance(TimeSpan.FromDays(2));
        var status = await harness.Machine.GetStatusAsync("conv-a");
        Assert.That(status.State, Is.EqualTo(VerificationState.Locked));
        Assert.That(status.Until, Is.Null, "no end: ops must unlock");
        Assert.That((await harness.Machine.IssueCodeAsync("conv-new", AccountId)).Outcome, Is.EqualTo(IssueOutcome.OpsLocked));
        Assert.That((await harness.Machine.VerifyByIdentityAsync("conv-new", AccountId)).Outcome, Is.EqualTo(CodeCheckOutcome.Locked), "no factor gets round the lock");

        Assert.That(await harness.Machine.UnlockAsync(AccountId), Is.True);
        Assert.That(await harness.Machine.UnlockAsync(AccountId), Is.False, "nothing left to unlock");
        Assert.That((await harness.Machine.GetStatusAsync("conv-a")).State, Is.Not.EqualTo(VerificationState.Locked));
        var fresh = await harness.Machine.IssueCodeAsync("conv-a", AccountId);
        Assert.That(fresh.Outcome, Is.EqualTo(IssueOutcome.Issued));
        Assert.That((await harness.Machine.CheckCodeAsync("conv-a", fresh.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
    }

    [Test]
    public async Task CheckCode_NinetyNineFailures_OnlyTimedLocks()
    {
        var harness = new ShieldHarness();
        harness.Options.MaxWrongCodes = 3;
        harness.Options.MaxConsecutiveFailures = 9;

        var afterSix = await FailAsync(harness, cycles: 2, perCycle: 3);
        Assert.That(afterSix.Outcome, Is.EqualTo(CodeCheckOutcome.LockedNow));
        var ninth = await FailAsync(harness, cycles: 1, perCycle: 3);
        Assert.That(ninth.Outcome, Is.EqualTo(CodeCheckOutcome.OpsLockedNow), "the limit is configurable");
    }

    [Test]
    public async Task CheckCode_SuccessResetsTheConsecutiveCount()
    {
        var harness = new ShieldHarness();
        await FailAsync(harness, cycles: 19);
        var code = await harness.Machine.IssueCodeAsync("conv-z", AccountId);
        Assert.That((await harness.Machine.CheckCodeAsync("conv-z", code.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.Verified));

        var next = await FailAsync(harness, cycles: 1);

        Assert.That(next.Outcome, Is.EqualTo(CodeCheckOutcome.LockedNow));
        Assert.That(await harness.Machine.IsOpsLockedAsync(AccountId), Is.False);
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.That((await harness.Machine.IssueCodeAsync("conv-z", AccountId)).Outcome, Is.EqualTo(IssueOutcome.Issued));
    }

    [Test]
    public async Task VerifyByIdentity_DropsThePendingCodeAndResetsFailures()
    {
        var harness = new ShieldHarness();
        var code = await harness.Machine.IssueCodeAsync("conv-1", AccountId);
        await harness.Machine.CheckCodeAsync("conv-1", NeverIssued);

        var result = await harness.Machine.VerifyByIdentityAsync("conv-1", AccountId);

        Assert.That(result.Outcome, Is.EqualTo(CodeCheckOutcome.Verified));
        Assert.That((await harness.Machine.GetStatusAsync("conv-1")).IsVerifiedFor(AccountId), Is.True);
        Assert.That((await harness.Machine.CheckCodeAsync("conv-1", code.Code!)).Outcome, Is.EqualTo(CodeCheckOutcome.NotPending));
    }

    [TestCase(101)]
    [TestCase(4)]
    public void Validate_ConsecutiveFailureLimitOutOfRange_Throws(int limit) =>
        Assert.That(() => new VerificationOptions { MaxConsecutiveFailures = limit }.Validate(), Throws.InvalidOperationException.With.Message.Contains("MaxConsecutiveFailures"));

    /// <summary>Issues a code and enters wrong codes until the timed lock, then waits it out; alternates two conversations.</summary>
    private static async Task<CodeCheckResult> FailAsync(ShieldHarness harness, int cycles, int? perCycle = null)
    {
        CodeCheckResult last = null!;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var conversation = cycle % 2 == 0 ? "conv-a" : "conv-b";
            var issued = await harness.Machine.IssueCodeAsync(conversation, AccountId);
            Assert.That(issued.Outcome, Is.EqualTo(IssueOutcome.Issued), $"cycle {cycle + 1}");
            for (var i = 0; i < (perCycle ?? harness.Options.MaxWrongCodes); i++)
            {
                last = await harness.Machine.CheckCodeAsync(conversation, NeverIssued);
            }

            harness.Time.Advance(harness.Options.LockoutDuration + TimeSpan.FromMinutes(1));
        }

        return last;
    }
}
