using Microsoft.Data.Sqlite;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteAuditChainTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task AppendAsync_ChainsEachRecordToThePreviousFromGenesis()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Record(i, $"c{i % 2}"));
        }

        var stored = await log.ListRecentAsync(null, 10);
        var report = await log.VerifyAsync();

        Assert.That(stored[0].PreviousHash, Is.EqualTo(AuditChain.Genesis));
        Assert.That(stored[1].PreviousHash, Is.EqualTo(stored[0].Hash));
        Assert.That(stored[2].PreviousHash, Is.EqualTo(stored[1].Hash));
        Assert.That(stored[2].Hash, Is.EqualTo(AuditChain.ComputeHash(stored[1].Hash!, stored[2].Record)));
        Assert.That(report.IsIntact, Is.True);
        Assert.That(report.VerifiedRecords, Is.EqualTo(3));
        Assert.That(report.HeadHash, Is.EqualTo(stored[2].Hash));
    }

    [Test]
    public async Task AppendAsync_ManyConcurrentAppends_FormOneUnbrokenChain()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => log.AppendAsync(Record(i, $"c{i % 5}")))));
        // A second instance on the same file (another process) continues the same chain.
        using (var other = _folder.OpenDatabase())
        {
            await new SqliteAuditLog(other).AppendAsync(Record(99, "c1"));
        }

        var report = await log.VerifyAsync();
        Assert.That(report.IsIntact, Is.True, report.FirstBreak?.Description);
        Assert.That(report.VerifiedRecords, Is.EqualTo(61));
    }

    [Test]
    public async Task VerifyAsync_ActionChangedWithRawSql_NamesThatRecordAsChanged()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Record(i, "c1"));
        }

        // An attacker with the file: drop the append-only trigger, rewrite what happened.
        Execute("DROP TRIGGER audit_records_no_update; UPDATE audit_records SET action = 'delivered' WHERE id = 3;");
        var report = await log.VerifyAsync();

        Assert.That(report.FirstBreak, Is.Not.Null);
        Assert.That(report.FirstBreak!.Id, Is.EqualTo(3));
        Assert.That(report.FirstBreak.Kind, Is.EqualTo(AuditChainBreakKind.ContentChanged));
        Assert.That(report.FirstBreak.Time, Is.EqualTo(Start.AddMinutes(2)));
        Assert.That(report.VerifiedRecords, Is.EqualTo(2));
    }

    [Test]
    public async Task VerifyAsync_MiddleRecordDeleted_NamesTheRecordAfterTheGap()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        for (var i = 0; i < 4; i++)
        {
            await log.AppendAsync(Record(i, "c1"));
        }

        Execute("DROP TRIGGER audit_records_no_delete; DELETE FROM audit_records WHERE id = 2;");
        var report = await log.VerifyAsync();

        Assert.That(report.FirstBreak!.Id, Is.EqualTo(3));
        Assert.That(report.FirstBreak.Kind, Is.EqualTo(AuditChainBreakKind.ChainBroken));
        Assert.That(report.FirstBreak.Description, Does.Contain("records 2..2").And.Contain("deleted"));
    }

    [Test]
    public async Task VerifyAsync_ChangedAndRehashedRecord_BreaksTheLinkOfTheNextOne()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Record(i, "c1"));
        }

        var second = (await log.ListRecentAsync(null, 10))[1];
        var forged = AuditChain.ComputeHash(second.PreviousHash!, second.Record with { Action = "delivered" });
        Execute($"DROP TRIGGER audit_records_no_update; UPDATE audit_records SET action = 'delivered', hash = '{forged}' WHERE id = 2;");
        var report = await log.VerifyAsync();

        Assert.That(report.FirstBreak!.Id, Is.EqualTo(3));
        Assert.That(report.FirstBreak.Kind, Is.EqualTo(AuditChainBreakKind.ChainBroken));
    }

    [Test]
    public async Task VerifyAsync_HashRemoved_ReportsHashMissing()
    {
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        await log.AppendAsync(Record(0, "c1"));
        await log.AppendAsync(Record(1, "c1"));

        Execute("DROP TRIGGER audit_records_no_update; UPDATE audit_records SET hash = NULL WHERE id = 2;");
        var report = await log.VerifyAsync();

        Assert.That(report.FirstBreak!.Id, Is.EqualTo(2));
        Assert.That(report.FirstBreak.Kind, Is.EqualTo(AuditChainBreakKind.HashMissing));
    }

    [Test]
    public async Task Migration_DatabaseFromBeforeTheChain_ChainsExistingRecordsInOrderAndKeepsTriggers()
    {
        // A version-1 database with records, as the previous release wrote it.
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.DatabasePath)!);
        using (var connection = Open())
        {
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);"
                + SqliteSchema.Migrations[0].Sql
                + "INSERT INTO schema_version VALUES (1, 'then');";
            create.ExecuteNonQuery();
            for (var i = 0; i < 3; i++)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO audit_records (conversation_id, time, time_utc_ticks, direction, action, entity_types_json, rule_ids_json,
                        masked_preview, value_hashes_json, message_id)
                    VALUES ('c1', $time, $ticks, 'outgoing', 'held', '["ADDRESS"]', '["account.address"]', 'We have <ADDRESS>', '[]', $message);
                    """;
                insert.Parameters.AddWithValue("$time", Start.AddMinutes(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$ticks", Start.AddMinutes(i).UtcTicks);
                insert.Parameters.AddWithValue("$message", i == 1 ? DBNull.Value : $"m{i}");
                insert.ExecuteNonQuery();
            }
        }

        SqliteConnection.ClearAllPools();
        using var database = _folder.OpenDatabase();
        var log = new SqliteAuditLog(database);
        await log.AppendAsync(Record(5, "c1"));
        var report = await log.VerifyAsync();

        Assert.That(database.GetSchemaVersion(), Is.EqualTo(SqliteSchema.LatestVersion));
        Assert.That(report.IsIntact, Is.True, report.FirstBreak?.Description);
        Assert.That(report.VerifiedRecords, Is.EqualTo(4));
        Assert.That((await log.ListRecentAsync(null, 10))[0].PreviousHash, Is.EqualTo(AuditChain.Genesis));
        Assert.Throws<SqliteException>(() => Execute("UPDATE audit_records SET action = 'x' WHERE id = 1;"));
    }

    private static AuditRecord Record(int minute, string conversation) => new(
        Start.AddMinutes(minute),
        conversation,
        "outgoing",
        minute % 2 == 0 ? "held" : "released",
        ["ADDRESS"],
        ["account.address", "outgoing.unverified.hold"],
        "We have <ADDRESS> on file",
        ["abc123"],
        $"held-{minute}",
        minute % 3 == 0 ? "agent-7" : null);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
