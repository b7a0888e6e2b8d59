using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Screening;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.AccountProtection;

public sealed class DisclosureLockConversationTests
{
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";

    private static TestFlow Verified(ShieldHarness harness, TestAdapter adapter, Func<Microsoft.Bot.Builder.ITurnContext, CancellationToken, Task>? bot = null) =>
        new TestFlow(adapter, (ctx, ct) => bot?.Invoke(ctx, ct) ?? Task.CompletedTask)
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send(harness.Codes.LastCode ?? "123456")
            .AssertReply(VerificationMessages.Verified);

    [Test]
    public async Task LockRequest_VerifiedCustomer_HoldsOnFileDataEvenAfterALaterVerification()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Verified(harness, adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "address please")
                {
                    await ctx.SendActivityAsync(AddressReply, cancellationToken: ct);
                }
            })
            .Send("Please never share my details over chat again")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.StartWith("Done. From now on we will not share your account details")))
            .Send("address please")
            .AssertNoReply("the lock holds on-file data for a verified customer", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held, Has.Count.EqualTo(1));
        Assert.That(held[0].Reasons.Select(r => r.PolicyRule), Does.Contain(MessageScreener.DisclosureLockRuleId));
        Assert.That((await harness.Locks.GetAsync(ShieldHarness.Jane.Id)).Reason, Is.EqualTo(DisclosureLockReason.CustomerRequest));
    }

    [Test]
    public async Task LockRequest_UnverifiedCustomer_IsAskedToVerifyFirstAndNothingIsLocked()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("don't give out my personal details in this chat, ever")
            .AssertReply(DisclosureLockMessages.VerifyFirst)
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .StartTestAsync();

        Assert.That((await harness.Locks.GetAsync(ShieldHarness.Jane.Id)).Locked, Is.False);
    }

    [Test]
    public async Task LiftRequest_BeforeAndAfterTheCoolingOff()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        await Verified(harness, adapter)
            .Send("please lock my account details against chat disclosures")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.StartWith("Done.")))
            .Send("please lift the chat lock")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.StartWith("The chat lock on your account can be lifted here after")))
            .StartTestAsync();
        Assert.That((await harness.Locks.GetAsync(ShieldHarness.Jane.Id)).Locked, Is.True);

        harness.Time.Advance(harness.LockOptions.OwnerCoolingOff + TimeSpan.FromHours(1));
        await Verified(harness, adapter)
            .Send("please lift the chat lock")
            .AssertReply(DisclosureLockMessages.Lifted)
            .StartTestAsync();

        Assert.That((await harness.Locks.GetAsync(ShieldHarness.Jane.Id)).Locked, Is.False);
    }

    [Test]
    public async Task LiftRequest_OwnerReportLock_OnlyOpsCanLift()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        await harness.Locks.LockAsync(ShieldHarness.Jane.Id, DisclosureLockReason.OwnerReport, harness.Time.GetUtcNow(), null);
        harness.Time.Advance(TimeSpan.FromDays(365));

        await Verified(harness, adapter)
            .Send("remove the chat protection on my account")
            .AssertReply(DisclosureLockMessages.NotYet(null))
            .StartTestAsync();

        Assert.That((await harness.Locks.GetAsync(ShieldHarness.Jane.Id)).Locked, Is.True);
    }

    [TestCase("Please never share my details over chat again", true)]
    [TestCase("don't give out my personal information via support chat", true)]
    [TestCase("lock my account against chat", true)]
    [TestCase("never share my order with anyone", false)]
    [TestCase("what details do you have for me?", false)]
    [TestCase("please lift the chat lock", false)]
    public void IsLockRequest_Table(string text, bool expected) =>
        Assert.That(DisclosureLockRequest.IsLockRequest(text), Is.EqualTo(expected));
}
