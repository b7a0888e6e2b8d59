using Microsoft.Data.Sqlite;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteAuditLogTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task ListAsync_AfterAppend_RoundTripsRecordsOldestFirst()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        var held = Record(Start, "held", "m1");
        var released = Record(Start.AddMinutes(2), "released", null);

        await log.AppendAsync(released);
        await log.AppendAsync(held);
        await log.AppendAsync(Record(Start, "held", "m9") with { ConversationId = "other" });
        var records = await log.ListAsync("c1");

        Assert.That(records, Has.Count.EqualTo(2));
        AssertSame(records[0], held);
        AssertSame(records[1], released);
    }

    [Test]
    public async Task ListAsync_AfterReopen_KeepsRecords()
    {
        var record = Record(Start, "verification.started", null);
        using (var database = _folder.OpenDatabase())
        {
            await new SqliteAuditLog(database).AppendAsync(record);
        }

        using var reopened = _folder.OpenDatabase();
        var records = await new SqliteAuditLog(reopened).ListAsync("c1");

        AssertSame(records.Single(), record);
    }

    [Test]
    public async Task Table_UpdateOrDelete_IsRefusedByTheDatabase()
    {
        using var database = _folder.OpenDatabase();
        await new SqliteAuditLog(database).AppendAsync(Record(Start, "held", "m1"));

        using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit_records SET action = 'delivered';";
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM audit_records;";

        Assert.That(() => update.ExecuteNonQuery(), Throws.InstanceOf<SqliteException>().With.Message.Contains("append-only"));
        Assert.That(() => delete.ExecuteNonQuery(), Throws.InstanceOf<SqliteException>().With.Message.Contains("append-only"));
        Assert.That((await new SqliteAuditLog(database).ListAsync("c1")).Single().Action, Is.EqualTo("held"));
    }

    private static AuditRecord Record(DateTimeOffset time, string action, string? messageId) => new(
        time,
        "c1",
        "outgoing",
        action,
        ["ADDRESS", "ZIP"],
        ["address.us-street", "outgoing.address.unverified"],
        "742 E*********** T******",
        ["0a1b2c", "3d4e5f"],
        messageId);

    private static void AssertSame(AuditRecord actual, AuditRecord expected)
    {
        Assert.That(actual.Time, Is.EqualTo(expected.Time));
        Assert.That(actual.ConversationId, Is.EqualTo(expected.ConversationId));
        Assert.That(actual.Direction, Is.EqualTo(expected.Direction));
        Assert.That(actual.Action, Is.EqualTo(expected.Action));
        Assert.That(actual.EntityTypes, Is.EqualTo(expected.EntityTypes));
        Assert.That(actual.RuleIds, Is.EqualTo(expected.RuleIds));
        Assert.That(actual.MaskedPreview, Is.EqualTo(expected.MaskedPreview));
        Assert.That(actual.ValueHashes, Is.EqualTo(expected.ValueHashes));
        Assert.That(actual.MessageId, Is.EqualTo(expected.MessageId));
    }
}
