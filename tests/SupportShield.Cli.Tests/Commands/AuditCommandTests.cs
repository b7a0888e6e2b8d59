using Microsoft.Data.Sqlite;
using SupportShield.Middleware.Audit;

namespace SupportShield.Cli.Tests.Commands;

public sealed class AuditCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "supportshield-cli-audit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void Verify_MissingFile_Exits2NamingIt()
    {
        var run = CliRun.Of("audit", "verify", "--db", Path.Combine(_folder, "none.db"));

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("none.db"));
    }

    [Test]
    public void Verify_DatabaseWithoutChainColumns_Exits2()
    {
        var path = Path.Combine(_folder, "old.db");
        Execute(path, "CREATE TABLE audit_records (id INTEGER PRIMARY KEY, action TEXT);");

        var run = CliRun.Of("audit", "verify", "--db", path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("chain columns"));
    }

    [Test]
    public void Verify_ChainWrittenWithAuditChain_IsIntact_AndAReorderIsNamed()
    {
        var path = Path.Combine(_folder, "chain.db");
        Execute(path, """
            CREATE TABLE audit_records (id INTEGER PRIMARY KEY, conversation_id TEXT, time TEXT, time_utc_ticks INTEGER, direction TEXT,
                action TEXT, entity_types_json TEXT, rule_ids_json TEXT, masked_preview TEXT, value_hashes_json TEXT, message_id TEXT,
                actor TEXT, previous_hash TEXT, hash TEXT);
            """);
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 3; i++)
        {
            var record = new AuditRecord(DateTimeOffset.UnixEpoch.AddMinutes(i), "c1", "outgoing", "held", ["PHONE"], ["phone"], "call <PHONE>", [], $"m{i}");
            var hash = AuditChain.ComputeHash(previous, record);
            Execute(path, $"""
                INSERT INTO audit_records VALUES ({i}, 'c1', '{record.Time:O}', {record.Time.UtcTicks}, 'outgoing', 'held', '["PHONE"]', '["phone"]',
                    'call <PHONE>', '[]', 'm{i}', NULL, '{previous}', '{hash}');
                """);
            previous = hash;
        }

        var intact = CliRun.Of("audit", "verify", "--db", path);
        // Swap the contents of records 1 and 2, hashes and all: each row hashes fine, but the chain order is wrong.
        Execute(path, "UPDATE audit_records SET id = -1 WHERE id = 1; UPDATE audit_records SET id = 1 WHERE id = 2; UPDATE audit_records SET id = 2 WHERE id = -1;");
        var reordered = CliRun.Of("audit", "verify", "--db", path);

        Assert.That(intact.ExitCode, Is.EqualTo(0), intact.Error);
        Assert.That(intact.Out, Does.Contain("intact: 3 records").And.Contain(previous));
        Assert.That(reordered.ExitCode, Is.EqualTo(1));
        Assert.That(reordered.Out, Does.Contain("BROKEN at record 1").And.Contain("deleted, reordered or inserted"));
    }

    [Test]
    public void Verify_WithoutDb_IsAUsageError()
    {
        var run = CliRun.Of("audit", "verify");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--db"));
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
