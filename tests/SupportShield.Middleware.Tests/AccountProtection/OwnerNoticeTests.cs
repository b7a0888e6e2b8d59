using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.AccountProtection;

/// <summary>The account owner hears about chat requests at the email on file, with no personal data in the notice.</summary>
public sealed class OwnerNoticeTests
{
    [Test]
    public async Task DataRequest_LinkedAccount_OwnerGetsOneNoticeWithoutPersonalData()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("Hi, I'm Jane Doe, I live at 12 Fake Street. What address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .Send("and what phone number do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .StartTestAsync();

        var notice = harness.NoticeEmail.Sent.Single();
        Assert.That(notice.To, Is.EqualTo(ShieldHarness.Jane.Email));
        Assert.That(notice.Body, Does.Contain("asked for the personal details").And.Contain("/protect/not-me?token="));
        Assert.That(notice.Body, Does.Not.Contain("Jane").And.Not.Contain("Evergreen").And.Not.Contain("Fake").And.Not.Contain("0142"));
    }

    [Test]
    public async Task ContactChangeRequest_LinkedAccount_OwnerIsNotified()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();
        await harness.LinkJaneAsync(adapter);

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("I need to change the email on my account to new.me@evil.example")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("verification code")))
            .StartTestAsync();

        Assert.That(harness.NoticeEmail.Sent.Single().Body, Does.Contain("change the contact details").And.Not.Contain("evil"));
    }

    [Test]
    public async Task DataRequest_NoLinkedAccount_NoNotice()
    {
        var harness = new ShieldHarness();
        var adapter = harness.CreateAdapter();

        await new TestFlow(adapter, (_, _) => Task.CompletedTask)
            .Send("what address do you have for me?")
            .AssertReply(a => Assert.That(((Activity)a).Text, Does.Contain("email address or phone number")))
            .StartTestAsync();

        Assert.That(harness.NoticeEmail.Sent, Is.Empty);
    }
}
