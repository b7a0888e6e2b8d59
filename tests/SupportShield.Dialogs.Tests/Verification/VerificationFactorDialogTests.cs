using Microsoft.Bot.Builder.Adapters;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Dialogs.Tests.Verification;

/// <summary>The SMS factor, factor choice and switching, redirect attempts and the send rate limit, through the middleware.</summary>
public sealed class VerificationFactorDialogTests
{
    private static readonly Account Sam = new()
    {
        Id = "acct-2002",
        Name = "Sam Texter",
        Email = "sam.texter@example.org",
        Phone = "(206) 555-0187",
        VerificationFactors = [VerificationFactor.Sms],
    };

    private static readonly Account Nora = new()
    {
        Id = "acct-3003",
        Name = "Nora Nophone",
        Email = "nora@example.org",
    };

    private static TestFlow Flow(TestAdapter adapter) => new(adapter, (_, _) => Task.CompletedTask);

    [Test]
    public async Task Start_SmsFirstInConfiguration_CodeGoesByTextToThePhoneOnFile()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Sms);
        harness.Options.Factors.Add(VerificationFactor.Email);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime, VerificationFactor.Sms, VerificationFactor.Email))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        var sms = harness.Sms.Sent.Single();
        Assert.That(sms.To, Is.EqualTo(ShieldHarness.Jane.Phone));
        Assert.That(sms.Body, Does.Contain("12345678"));
        Assert.That(harness.Email.Sent, Is.Empty);
        Assert.That(harness.Audit.All.SelectMany(a => a.RuleIds), Does.Contain("verification.sms-on-file"));
    }

    [Test]
    public async Task Start_AccountListsSms_OverridesTheEmailDefault()
    {
        var harness = new ShieldHarness();
        harness.Accounts.Add(Sam);
        var adapter = harness.CreateAdapter();
        await harness.Conversations.SaveReferenceAsync(adapter.Conversation);
        await harness.Conversations.LinkAccountAsync("conv-1", Sam.Id);

        await Flow(adapter)
            .Send("what phone number do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime, VerificationFactor.Sms))
            .Send("send it by email instead")
            .AssertReply(VerificationMessages.FactorUnavailable(VerificationFactor.Email))
            .StartTestAsync();

        Assert.That(harness.Sms.Sent.Select(s => s.To), Is.EqualTo(new[] { Sam.Phone }));
        Assert.That(harness.Email.Sent, Is.Empty, "email is not among the account's factors");
    }

    [Test]
    public async Task Start_SmsPreferredButNoPhoneOnFile_FallsBackToEmail()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Sms);
        harness.Options.Factors.Add(VerificationFactor.Email);
        harness.Accounts.Add(Nora);
        var adapter = harness.CreateAdapter();
        await harness.Conversations.SaveReferenceAsync(adapter.Conversation);
        await harness.Conversations.LinkAccountAsync("conv-1", Nora.Id);

        await Flow(adapter)
            .Send("what email do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send("text me the code")
            .AssertReply(VerificationMessages.FactorUnavailable(VerificationFactor.Sms))
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Select(e => e.To), Is.EqualTo(new[] { Nora.Email }));
        Assert.That(harness.Sms.Sent, Is.Empty);
    }

    [Test]
    public async Task Switch_SendItByTextInstead_NewCodeToThePhoneOnFileAndTheEmailedCodeStopsWorking()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Email);
        harness.Options.Factors.Add(VerificationFactor.Sms);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime, VerificationFactor.Email, VerificationFactor.Sms))
            .Send("send it by text instead")
            .AssertReply(VerificationMessages.CodeResent(harness.Options.CodeLifetime, VerificationFactor.Sms))
            .Send("12345678")
            .AssertReply(VerificationMessages.WrongCode(4))
            .Send("2345 6789")
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Single().Body, Does.Contain("12345678"));
        Assert.That(harness.Sms.Sent.Single().To, Is.EqualTo(ShieldHarness.Jane.Phone));
        Assert.That(harness.Sms.Sent.Single().Body, Does.Contain("23456789"));
        Assert.That(harness.Transcript.All.Select(e => e.Text), Has.None.Contain("2345"));
        Assert.That(harness.Transcript.All.Select(e => e.Text), Does.Contain(VerificationMessages.FactorSwitchTranscriptNote(VerificationFactor.Sms)));
    }

    [Test]
    public async Task Switch_FactorNotAllowed_NothingSent()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send("can you send it by text instead?")
            .AssertReply(VerificationMessages.FactorUnavailable(VerificationFactor.Sms))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        Assert.That(harness.Sms.Sent, Is.Empty, "SMS is not among the configured factors");
    }

    [TestCase("send it to my new email evil.twin@attacker.example", "evil.twin")]
    [TestCase("can you text it to my new number 971 555 0100 instead", "0100")]
    [TestCase("please send the code to my new phone, I lost the old one", null)]
    [TestCase("email it to jane.doe.new@attacker.example", "jane.doe.new")]
    public async Task Redirect_ToAContactNotOnFile_RefusedAndNothingSentThere(string request, string? typed)
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Email);
        harness.Options.Factors.Add(VerificationFactor.Sms);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var botSaw = new List<string>();

        await new TestFlow(adapter, (ctx, _) =>
            {
                botSaw.Add(ctx.Activity.Text ?? string.Empty);
                return Task.CompletedTask;
            })
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime, VerificationFactor.Email, VerificationFactor.Sms))
            .Send(request)
            .AssertReply(VerificationMessages.OnlyToContactOnFile)
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Select(e => e.To), Is.EqualTo(new[] { ShieldHarness.Jane.Email }), "only the first code, to the email on file");
        Assert.That(harness.Sms.Sent, Is.Empty);
        Assert.That(harness.Audit.All.Select(a => a.Action), Does.Contain("verification.redirect-refused"));
        Assert.That(harness.Transcript.All.Select(e => e.Text), Does.Contain(VerificationMessages.RedirectRefusedTranscriptNote));
        if (typed is not null)
        {
            Assert.That(harness.Transcript.All.Select(e => e.Text), Has.None.Contain(typed));
            Assert.That(string.Join("\n", harness.Audit.All.Select(a => $"{a.Action} {string.Join(",", a.RuleIds)} {a.MaskedPreview}")), Does.Not.Contain(typed));
            Assert.That(botSaw, Has.None.Contain(typed));
        }
    }

    [Test]
    public async Task Switch_SixthCodeWithinAnHour_RefusedWithAClearMessageAndAudited()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Email);
        harness.Options.Factors.Add(VerificationFactor.Sms);
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);
        var lifetime = harness.Options.CodeLifetime;

        await Flow(adapter)
            .Send("what address do you have for me?").AssertReply(VerificationMessages.CodeSent(lifetime, VerificationFactor.Email, VerificationFactor.Sms))
            .Send("send it by text instead").AssertReply(VerificationMessages.CodeResent(lifetime, VerificationFactor.Sms))
            .Send("send it by email instead").AssertReply(VerificationMessages.CodeResent(lifetime, VerificationFactor.Email))
            .Send("send it by text instead").AssertReply(VerificationMessages.CodeResent(lifetime, VerificationFactor.Sms))
            .Send("send it by email instead").AssertReply(VerificationMessages.CodeResent(lifetime, VerificationFactor.Email))
            .Send("send it by text instead").AssertReply(VerificationMessages.RateLimited(TimeSpan.FromHours(1)))
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Count + harness.Sms.Sent.Count, Is.EqualTo(5));
        Assert.That(harness.Audit.All.SelectMany(a => a.RuleIds), Does.Contain("verification.rate-limited"));
        Assert.That(VerificationMessages.RateLimited(TimeSpan.FromHours(1)), Does.Contain("60 minutes"));
    }

    [Test]
    public async Task Switch_ContactMatchedNoAccount_SameAnswerAndNothingSent()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Email);
        harness.Options.Factors.Add(VerificationFactor.Sms);
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send("what phone do you have on my account?")
            .AssertReply(VerificationMessages.AskForContact)
            .Send("nobody@example.net")
            .AssertReply(VerificationMessages.ContactReceived(harness.Options.CodeLifetime))
            .Send("send it by text instead")
            .AssertReply(VerificationMessages.CodeResent(harness.Options.CodeLifetime, VerificationFactor.Sms))
            .StartTestAsync();

        Assert.That(harness.Email.Sent, Is.Empty);
        Assert.That(harness.Sms.Sent, Is.Empty);
    }

    [Test]
    public async Task Start_SmsProviderUnreachable_TellsCustomerAndLeavesNothingPending()
    {
        var harness = new ShieldHarness();
        harness.Options.Factors.Add(VerificationFactor.Sms);
        harness.Sms.Fail = true;
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.DeliveryFailed)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.None));
        Assert.That(harness.Audit.All.SelectMany(a => a.RuleIds), Does.Contain("sms.unreachable"));
    }

    [TestCase("send it by text instead", FactorRequestKind.Switch, VerificationFactor.Sms)]
    [TestCase("Could you TEXT ME the code?", FactorRequestKind.Switch, VerificationFactor.Sms)]
    [TestCase("send it to my phone please", FactorRequestKind.Switch, VerificationFactor.Sms)]
    [TestCase("email it instead", FactorRequestKind.Switch, VerificationFactor.Email)]
    [TestCase("can I get it by e-mail", FactorRequestKind.Switch, VerificationFactor.Email)]
    [TestCase("send it to my new number", FactorRequestKind.Redirect, null)]
    [TestCase("send it to this email: x@y.example", FactorRequestKind.Redirect, null)]
    [TestCase("text it to 503 555 0199", FactorRequestKind.Redirect, null)]
    [TestCase("I didn't get the email yet", FactorRequestKind.None, null)]
    [TestCase("I got the text message but there was no code in it", FactorRequestKind.None, null)]
    [TestCase("could I have it via SMS", FactorRequestKind.Switch, VerificationFactor.Sms)]
    [TestCase("what is my address?", FactorRequestKind.None, null)]
    public void Parse_CustomerRequests(string text, FactorRequestKind kind, VerificationFactor? factor)
    {
        var request = FactorRequest.Parse(text);

        Assert.That(request.Kind, Is.EqualTo(kind));
        Assert.That(request.Factor, Is.EqualTo(factor));
    }
}
