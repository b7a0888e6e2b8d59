using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.Email;
using SupportShield.Bot.Sms;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Sms;

namespace SupportShield.Bot.Tests.Sms;

public sealed class DevOutboxSmsSenderTests
{
    [Test]
    public async Task SendAsync_Message_IsKeptInTheOutboxAsAnSmsRowToThePhone()
    {
        using var folder = new TemporaryFolder();
        using var database = folder.OpenDatabase();
        var outbox = new SqliteDevOutbox(database);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 4, 1, 9, 30, 0, TimeSpan.Zero));
        var sender = new DevOutboxSmsSender(outbox, time, NullLogger<DevOutboxSmsSender>.Instance);

        await sender.SendAsync(new SmsMessage("+1 503 555 0142", "Your verification code is 12345678."));

        Assert.That((await outbox.ListAsync()).Single(), Is.EqualTo(new DevOutboxEmail("+1 503 555 0142", "SMS", "Your verification code is 12345678.", time.GetUtcNow())));
    }
}
