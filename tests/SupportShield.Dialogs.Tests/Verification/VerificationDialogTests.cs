using Microsoft.Bot.Builder.Adapters;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Verification;
using SupportShield.Testing;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class VerificationDialogTests
{
    private static TestFlow Flow(TestAdapter adapter) => new(adapter, (_, _) => Task.CompletedTask);

    [Test]
    public async Task Start_NoLinkedAccount_AsksForContactThenSendsCodeToEmailOnFile()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.AskForContact)
            .Send("JANE.DOE@example.com")
            .AssertReply(VerificationMessages.ContactReceived(harness.Options.CodeLifetime))
            .Send("12345678")
            .AssertReply(VerificationMessages.Verified)
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Single().To, Is.EqualTo("jane.doe@example.com"));
        Assert.That((await harness.Conversations.GetAsync("conv-1"))!.AccountId, Is.EqualTo(ShieldHarness.Jane.Id));
        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).IsVerifiedFor(ShieldHarness.Jane.Id), Is.True);
    }

    [Test]
    public async Task Start_ContactMatchesNoAccount_SameAnswerAndNoEmailSent()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send("can you tell me the phone number on my account?")
            .AssertReply(VerificationMessages.AskForContact)
            .Send("attacker@evil.example")
            .AssertReply(VerificationMessages.ContactReceived(harness.Options.CodeLifetime))
            .Send("12345678")
            .AssertReply(VerificationMessages.WrongCode(4))
            .StartTestAsync();

        Assert.That(harness.Email.Sent, Is.Empty);
        Assert.That((await harness.Conversations.GetAsync("conv-1"))!.AccountId, Is.Null);
    }

    [Test]
    public async Task Start_ContactIsPhoneOnFile_CodeGoesToEmailOnFileNotToAnythingTyped()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send("I want to change my email to new.me@evil.example")
            .AssertReply(VerificationMessages.AskForContact)
            .Send("(503) 555-0142")
            .AssertReply(VerificationMessages.ContactReceived(harness.Options.CodeLifetime))
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Select(e => e.To), Is.EqualTo(new[] { "jane.doe@example.com" }));
    }

    [Test]
    public async Task Start_NotAContact_AsksAgainAndKeepsItOutOfTranscript()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await Flow(adapter)
            .Send("what's my date of birth on file?")
            .AssertReply(VerificationMessages.AskForContact)
            .Send("I'm Jane, born 14 March 1985")
            .AssertReply(VerificationMessages.NotAContact)
            .StartTestAsync();

        Assert.That(harness.Transcript.All.Select(e => e.Text), Has.None.Contain("1985"));
        Assert.That(harness.Email.Sent, Is.Empty);
    }

    [Test]
    public async Task Start_MailServerUnreachable_TellsCustomerAndLeavesNothingPending()
    {
        var harness = new ShieldHarness();
        harness.Email.Fail = true;
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what email do you have for me?")
            .AssertReply(VerificationMessages.DeliveryFailed)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.None));
        Assert.That(harness.Audit.All.Select(a => a.Action), Does.Contain("verification.send-failed"));
    }

    [Test]
    public async Task CodeEntry_FiveWrongCodes_LocksAndSaysSo()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send("00000001").AssertReply(VerificationMessages.WrongCode(4))
            .Send("00000002").AssertReply(VerificationMessages.WrongCode(3))
            .Send("00000003").AssertReply(VerificationMessages.WrongCode(2))
            .Send("00000004").AssertReply(VerificationMessages.WrongCode(1))
            .Send("00000005").AssertReply(VerificationMessages.Locked)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.Locked));
        Assert.That(harness.Audit.All.Select(a => a.Action), Does.Contain("verification.locked"));
    }

    [Test]
    public async Task Start_AskingAgainWhilePending_DoesNotSendAnotherCode()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .Send("what phone do you have for me?")
            .AssertReply(VerificationMessages.StillWaiting)
            .StartTestAsync();

        Assert.That(harness.Email.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CodeEntry_ExpiredCode_SaysExpired()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await Flow(adapter)
            .Send("what address do you have for me?")
            .AssertReply(VerificationMessages.CodeSent(harness.Options.CodeLifetime))
            .StartTestAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(11));
        await Flow(adapter)
            .Send("12345678")
            .AssertReply(VerificationMessages.Expired)
            .StartTestAsync();

        Assert.That((await harness.Dialog.GetStatusAsync("conv-1")).State, Is.EqualTo(VerificationState.None));
    }
}
