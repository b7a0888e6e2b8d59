using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.Email;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Tests.Email;

public sealed class DevOutboxEmailSenderTests
{
    [Test]
    public async Task SendAsync_Message_IsKeptInOutboxWithSendTime()
    {
        using var folder = new TemporaryFolder();
        using var database = folder.OpenDatabase();
        var outbox = new SqliteDevOutbox(database);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 4, 1, 9, 30, 0, TimeSpan.Zero));
        var sender = new DevOutboxEmailSender(outbox, time, NullLogger<DevOutboxEmailSender>.Instance);

        await sender.SendAsync(new EmailMessage("jane.doe@example.com", "Your code", "123456"));

        var email = (await outbox.ListAsync()).Single();
        Assert.That(email, Is.EqualTo(new DevOutboxEmail("jane.doe@example.com", "Your code", "123456", time.GetUtcNow())));
    }
}
