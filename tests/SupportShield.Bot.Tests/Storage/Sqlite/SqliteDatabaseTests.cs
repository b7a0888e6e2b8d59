using Microsoft.Data.Sqlite;
using SupportShield.Bot.Storage.Sqlite;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Tests.Storage.Sqlite;

public sealed class SqliteDatabaseTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void Initialize_MissingDirectory_CreatesFileInWalModeAtLatestSchema()
    {
        using var database = _folder.OpenDatabase();

        Assert.That(File.Exists(_folder.DatabasePath), Is.True);
        Assert.That(database.GetSchemaVersion(), Is.EqualTo(SqliteSchema.LatestVersion));
        Assert.That(Scalar("PRAGMA journal_mode;"), Is.EqualTo("wal"));
    }

    [Test]
    public void Initialize_ExistingFile_KeepsSchemaAndDoesNotReapplySteps()
    {
        using (_folder.OpenDatabase())
        {
        }

        using var reopened = _folder.OpenDatabase();

        Assert.That(reopened.GetSchemaVersion(), Is.EqualTo(SqliteSchema.LatestVersion));
        Assert.That(Scalar("SELECT COUNT(*) FROM schema_version;"), Is.EqualTo(SqliteSchema.Migrations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Initialize_SchemaNewerThanBuild_ThrowsNamingTheFile()
    {
        using (_folder.OpenDatabase())
        {
        }

        Execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later');");

        var exception = Assert.Throws<InvalidOperationException>(() => _folder.OpenDatabase());
        Assert.That(exception!.Message, Does.Contain(_folder.DatabasePath).And.Contain("999"));
    }

    [Test]
    public async Task WriteAsync_ManyConcurrentWriters_AllSucceed()
    {
        using var database = _folder.OpenDatabase();
        var store = new SqliteTranscriptStore(database);
        var start = DateTimeOffset.UnixEpoch;

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => store.AppendAsync(new TranscriptEntry("c1", TranscriptRole.Customer, $"line {i}", start.AddSeconds(i))))));

        var lines = await store.ListAsync("c1");
        Assert.That(lines, Has.Count.EqualTo(100));
    }

    [Test]
    public async Task WriteAsync_WorkThrows_RollsBackEverything()
    {
        using var database = _folder.OpenDatabase();

        Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<int>(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO secrets (name, value, created_at) VALUES ('x', x'00', 'now');";
                await command.ExecuteNonQueryAsync(ct);
                throw new InvalidOperationException("boom");
            },
            CancellationToken.None));

        Assert.That(Scalar("SELECT COUNT(*) FROM secrets;"), Is.EqualTo("0"));
    }

    private string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
