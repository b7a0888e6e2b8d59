using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Middleware.Audit;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Postgres;

public sealed class PostgresDatabaseTests
{
    private string _connectionString = null!;
    private readonly List<PostgresDatabase> _opened = [];

    [SetUp]
    public async Task SetUpAsync() => _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("db");

    [TearDown]
    public void TearDown()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
    }

    [Test]
    public async Task Initialize_ManyHostsStartingAtOnce_MigrateOnceAndAllStart()
    {
        var databases = Enumerable.Range(0, 6).Select(_ => Open(initialize: false)).ToList();

        await Task.WhenAll(databases.Select(d => Task.Run(d.Initialize)));

        Assert.That(databases.Select(d => d.GetSchemaVersion()), Is.All.EqualTo(PostgresSchema.LatestVersion));
        Assert.That(await ScalarAsync("SELECT COUNT(*) FROM schema_version;"), Is.EqualTo(PostgresSchema.Migrations.Count));
    }

    [Test]
    public async Task Initialize_DatabaseFromANewerBuild_RefusesToStart()
    {
        Open().Dispose();
        await ScalarAsync($"INSERT INTO schema_version (version, applied_at) VALUES ({PostgresSchema.LatestVersion + 1}, 'later') RETURNING version;");

        var newer = Open(initialize: false);

        var exception = Assert.Throws<InvalidOperationException>(newer.Initialize);
        Assert.That(exception!.Message, Does.Contain("newer than this build knows"));
    }

    [TestCase("UPDATE audit_records SET action = 'delivered';")]
    [TestCase("DELETE FROM audit_records;")]
    [TestCase("TRUNCATE audit_records;")]
    public async Task AuditRecords_ChangeOrRemoval_RefusedByTheDatabase(string sql)
    {
        var database = Open();
        await using var log = new PostgresAuditLog(database);
        await log.AppendAsync(new AuditRecord(DateTimeOffset.UtcNow, "c1", "outgoing", "held", ["ADDRESS"], [], null, []));
        await log.ChainWaitingAsync();
        Assert.That(await ScalarAsync("SELECT COUNT(*) FROM audit_records;"), Is.EqualTo(1));

        var exception = Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(sql));

        Assert.That(exception!.MessageText, Does.Contain("append-only"));
        Assert.That((await log.VerifyAsync()).VerifiedRecords, Is.EqualTo(1));
    }

    [Test]
    public void Description_NamesHostAndDatabase_NeverThePassword()
    {
        var database = new PostgresDatabase(
            Options.Create(new PostgresStorageOptions { ConnectionString = "Host=db.internal;Port=5433;Database=shield;Username=bot;Password=s3cret-pw" }),
            TimeProvider.System);
        _opened.Add(database);

        Assert.That(database.Description, Is.EqualTo("postgres://db.internal:5433/shield"));
    }

    [Test]
    public void Settings_NotInTheConnectionString_TakeSupportShieldsDefaults()
    {
        var settings = Open(initialize: false).Settings;

        Assert.That(settings.MaxPoolSize, Is.EqualTo(PostgresDatabase.DefaultMaxPoolSize));
        Assert.That(settings.MaxAutoPrepare, Is.EqualTo(PostgresDatabase.DefaultMaxAutoPrepare));
    }

    [Test]
    public void Settings_InTheConnectionString_AreKept()
    {
        var database = new PostgresDatabase(
            Options.Create(new PostgresStorageOptions { ConnectionString = _connectionString + ";Maximum Pool Size=7;Max Auto Prepare=0" }),
            TimeProvider.System);
        _opened.Add(database);

        Assert.That(database.Settings.MaxPoolSize, Is.EqualTo(7));
        Assert.That(database.Settings.MaxAutoPrepare, Is.Zero);
    }

    [Test]
    public async Task Probe_DatabaseUnreachable_Throws()
    {
        var port = (await PostgresServer.SharedAsync()).Port;
        var database = new PostgresDatabase(
            Options.Create(new PostgresStorageOptions { ConnectionString = $"Host=127.0.0.1;Port={port};Database=does_not_exist;Username=postgres;Timeout=3" }),
            TimeProvider.System);
        _opened.Add(database);

        Assert.CatchAsync<Exception>(() => database.ProbeAsync());
    }

    private PostgresDatabase Open(bool initialize = true)
    {
        var database = new PostgresDatabase(Options.Create(new PostgresStorageOptions { ConnectionString = _connectionString }), TimeProvider.System);
        _opened.Add(database);
        if (initialize)
        {
            database.Initialize();
        }

        return database;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
