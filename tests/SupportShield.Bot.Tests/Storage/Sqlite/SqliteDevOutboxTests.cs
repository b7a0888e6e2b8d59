using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteDevOutboxTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task ListAsync_SeveralEmails_NewestFirstWithinLimit()
    {
        using var database = _folder.OpenDatabase();
        var outbox = new SqliteDevOutbox(database);
        await outbox.AddAsync(new EmailMessage("a@example.com", "first", "code 111111"), Start);
        await outbox.AddAsync(new EmailMessage("b@example.com", "second", "code 222222"), Start.AddMinutes(1));
        await outbox.AddAsync(new EmailMessage("c@example.com", "third", "code 333333"), Start.AddMinutes(2));

        var emails = await outbox.ListAsync(limit: 2);

        Assert.That(emails.Select(e => e.Subject), Is.EqualTo(new[] { "third", "second" }));
        Assert.That(emails[0].To, Is.EqualTo("c@example.com"));
        Assert.That(emails[0].Body, Is.EqualTo("code 333333"));
        Assert.That(emails[0].Time, Is.EqualTo(Start.AddMinutes(2)));
    }

    [Test]
    public async Task ListAsync_AfterReopen_KeepsEmails()
    {
        using (var database = _folder.OpenDatabase())
        {
            await new SqliteDevOutbox(database).AddAsync(new EmailMessage("a@example.com", "Your code", "123456"), Start);
        }

        using var reopened = _folder.OpenDatabase();

        Assert.That((await new SqliteDevOutbox(reopened).ListAsync()).Single().Body, Is.EqualTo("123456"));
    }

    [Test]
    public void AddAsync_NoRecipient_ThrowsArgumentException()
    {
        using var database = _folder.OpenDatabase();

        Assert.ThrowsAsync<ArgumentException>(() => new SqliteDevOutbox(database).AddAsync(new EmailMessage(" ", "s", "b"), Start));
    }
}
