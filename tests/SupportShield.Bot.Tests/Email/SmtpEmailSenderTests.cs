using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Email;
using SupportShield.Bot.Tests.Support;
using SupportShield.Testing;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Tests.Email;

public sealed class SmtpEmailSenderTests
{
    private const string SecretBody = "Your SupportShield code is 493817. It expires in 10 minutes.";

    [Test]
    public async Task SendAsync_LoopbackServer_DeliversRecipientSubjectAndBody()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = Sender(server.Port);

        await sender.SendAsync(new EmailMessage("jane.doe@example.com", "Your verification code", SecretBody));

        Assert.That(server.Messages, Has.Count.EqualTo(1));
        var received = server.Messages.Single();
        Assert.That(received.To.Mailboxes.Single().Address, Is.EqualTo("jane.doe@example.com"));
        Assert.That(received.From.Mailboxes.Single().Address, Is.EqualTo("no-reply@example.com"));
        Assert.That(received.Subject, Is.EqualTo("Your verification code"));
        Assert.That(received.TextBody?.Trim(), Is.EqualTo(SecretBody));
    }

    [Test]
    public void SendAsync_NothingListening_ThrowsEmailDeliveryExceptionWithoutBodyOrRecipient()
    {
        var port = LoopbackSmtpServer.FreePort();
        var sender = Sender(port);

        var exception = Assert.ThrowsAsync<EmailDeliveryException>(() =>
            sender.SendAsync(new EmailMessage("jane.doe@example.com", "Your verification code", SecretBody)));

        Assert.That(exception!.Message, Does.Contain($"127.0.0.1:{port}"));
        Assert.That(exception.Message, Does.Not.Contain("493817").And.Not.Contain("jane.doe"));
        Assert.That(exception.ToString(), Does.Not.Contain("493817"));
    }

    [Test]
    public void SendAsync_InvalidRecipient_ThrowsEmailDeliveryException()
    {
        var sender = Sender(LoopbackSmtpServer.FreePort());

        Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(new EmailMessage("not an address", "s", SecretBody)));
    }

    [Test]
    public void SendAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var sender = Sender(LoopbackSmtpServer.FreePort());

        Assert.That(
            async () => await sender.SendAsync(new EmailMessage("a@example.com", "s", "b"), new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private static SmtpEmailSender Sender(int port) => new(
        Options.Create(new SmtpEmailOptions
        {
            Host = "127.0.0.1",
            Port = port,
            From = "SupportShield <no-reply@example.com>",
            Security = SecureSocketOptions.Auto,
            TimeoutSeconds = 5,
        }),
        NullLogger<SmtpEmailSender>.Instance);
}
