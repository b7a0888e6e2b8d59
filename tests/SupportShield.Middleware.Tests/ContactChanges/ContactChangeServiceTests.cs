using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.ContactChanges;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.ContactChanges;

public sealed class ContactChangeServiceTests
{
    [Test]
    public async Task ChangeRequest_TakesEffectOnlyAfterVerificationWithTheCurrentEmail_AndTheOldContactIsTold()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("Please change the email on my account to jane.new@example.org")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .StartTestAsync();

        Assert.That(harness.Email.Sent.Single().To, Is.EqualTo(ShieldHarness.Jane.Email), "the code goes to the current email");
        Assert.That((await harness.Directory.FindByIdAsync(ShieldHarness.Jane.Id))!.Email, Is.EqualTo(ShieldHarness.Jane.Email), "nothing changes before verification");

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send(harness.Codes.LastCode!)
            .AssertReply(VerificationMessages.Verified)
            .AssertReply(ContactChangeMessages.Applied(ContactField.Email))
            .StartTestAsync();

        Assert.That((await harness.Directory.FindByIdAsync(ShieldHarness.Jane.Id))!.Email, Is.EqualTo("jane.new@example.org"));
        Assert.That(await harness.Directory.FindByContactAsync(ShieldHarness.Jane.Email), Is.Null, "the old email no longer finds the account");
        Assert.That((await harness.Directory.FindByContactAsync("JANE.NEW@example.org"))?.Id, Is.EqualTo(ShieldHarness.Jane.Id));
        var changed = harness.NoticeEmail.Sent.Single(n => n.Subject.Contains("were changed", StringComparison.Ordinal));
        Assert.That(changed.To, Is.EqualTo(ShieldHarness.Jane.Email), "the notice goes to the contact on file before the change");
        Assert.That(changed.Body, Does.Not.Contain("jane.new"));
    }

    [Test]
    public async Task ChangeRequest_WrongCodes_NothingChanges()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("update my phone number to 415 555 0199 please")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send(new string('0', VerificationCode.Length))
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.StartWith("That code isn't right")))
            .StartTestAsync();

        Assert.That((await harness.Directory.FindByIdAsync(ShieldHarness.Jane.Id))!.Phone, Is.EqualTo(ShieldHarness.Jane.Phone));
        Assert.That(harness.NoticeEmail.Sent.Select(n => n.Subject), Has.None.Contain("were changed"));
    }
}
