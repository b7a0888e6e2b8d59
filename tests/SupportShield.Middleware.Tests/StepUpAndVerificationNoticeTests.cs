using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Detection.Rules;
using SupportShield.Dialogs.Verification;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests;

/// <summary>Step-up levels from the rules file reach the screening; failed verifications reach the owner.</summary>
public sealed class StepUpAndVerificationNoticeTests
{
    [Test]
    public async Task EmailCode_UnlocksOnlyWhatTheRulesFileSays()
    {
        var yaml = RulesLoader.DefaultYaml.Replace(
            "  email_code: [ALL]",
            "  email_code: [ADDRESS, PHONE, EMAIL, ZIP, PERSON]",
            StringComparison.Ordinal);
        var rules = RulesLoader.Load(yaml, "stepup.yaml");
        Assert.That(rules.Errors, Is.Empty);
        var harness = new ShieldHarness(rules.Rules!.CreateEngine());
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, async (ctx, ct) =>
            {
                if (ctx.Activity.Text == "details")
                {
                    await ctx.SendActivityAsync("Your address is 742 Evergreen Terrace, Springfield, OR 97403.", cancellationToken: ct);
                    await ctx.SendActivityAsync("Refunds go to IBAN GB82 WEST 1234 5698 7654 32.", cancellationToken: ct);
                }
            })
            .Send("what address and bank details do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send(harness.Codes.LastCode!)
            .AssertReply(VerificationMessages.Verified)
            .Send("details")
            .AssertReply("Your address is 742 Evergreen Terrace, Springfield, OR 97403.")
            .AssertNoReply("an email code does not unlock bank details under these rules", 300)
            .StartTestAsync();

        var held = await harness.Held.ListHeldAsync("conv-1");
        Assert.That(held.Single().Reasons.Select(r => r.Type), Does.Contain("IBAN"));
    }

    [Test]
    public async Task WrongCode_OwnerIsNotifiedWithoutPersonalData()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send(new string('0', VerificationCode.Length))
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.StartWith("That code isn't right")))
            .StartTestAsync();

        var notice = harness.NoticeEmail.Sent.Single(n => n.Body.Contains("wrong verification code", StringComparison.Ordinal));
        Assert.That(notice.To, Is.EqualTo(ShieldHarness.Jane.Email));
        Assert.That(notice.Body, Does.Not.Contain("0000"));
    }
}
