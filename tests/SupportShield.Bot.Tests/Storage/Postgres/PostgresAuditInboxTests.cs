using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Middleware.Audit;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Postgres;

/// <summary>
/// The audit inbox: an append is committed on its own, without waiting for the chain (which one host at a time writes),
/// and what waits in the inbox, whoever left it there, ends up in the one chain, in order, exactly once.
/// </summary>
public sealed class PostgresAuditInboxTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private string _connectionString = null!;
    private readonly List<IAsyncDisposable> _opened = [];

    [SetUp]
    public async Task SetUpAsync() => _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("inbox");

    [TearDown]
    public async Task TearDownAsync()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            await opened.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    [Test]
    public async Task Append_WhileAnotherHostHoldsTheChain_IsCommittedWithoutWaiting_AndChainedOnceTheChainIsFree()
    {
        var log = OpenLog();
        await using (var otherHost = await OpenConnectionAsync())
        await using (var chaining = await otherHost.BeginTransactionAsync())
        {
            await ExecuteAsync(otherHost, chaining, $"SELECT pg_advisory_xact_lock({PostgresDatabase.AuditChainLockKey});");

            // The safety timeout only turns a hang into a failure: the append must not wait for the lock at all.
            await log.AppendAsync(Record("m1")).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.That(await CountAsync("audit_inbox"), Is.EqualTo(1), "the record is committed in the inbox");
            Assert.That(await CountAsync("audit_records"), Is.Zero, "nothing is chained while another host holds the chain");
            await chaining.RollbackAsync();
        }

        var listed = await log.ListAsync("conv-1");

        Assert.That(listed.Select(r => r.MessageId), Is.EqualTo(new[] { "m1" }));
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
        Assert.That((await log.VerifyAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task RecordsLeftInTheInbox_ByAHostThatStopped_AreChainedByAnother_InTheOrderTheyWereCommitted()
    {
        var first = OpenLog();
        await first.AppendAsync(Record("m1"));
        await first.ChainWaitingAsync();

        // What a host that committed its appends and died before chaining them leaves behind.
        await using (var crashed = await OpenConnectionAsync())
        {
            foreach (var id in new[] { "m2", "m3", "m4" })
            {
                await using var batch = new NpgsqlBatch(crashed);
                batch.BatchCommands.Add(PostgresAuditRows.InsertWaiting(Record(id)));
                await batch.ExecuteNonQueryAsync();
            }
        }

        var second = OpenLog();
        await second.AppendAsync(Record("m5"));
        var recent = await second.ListRecentAsync("conv-1", 10);
        var report = await second.VerifyAsync();

        Assert.That(recent.Select(r => r.Record.MessageId), Is.EqualTo(new[] { "m1", "m2", "m3", "m4", "m5" }));
        Assert.That(report.IsIntact, Is.True);
        Assert.That(report.VerifiedRecords, Is.EqualTo(5));
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
    }

    [Test]
    public async Task ManyAppendsFromTwoHosts_MoreThanOneChainBatch_AreEachChainedExactlyOnce()
    {
        var a = OpenLog();
        var b = OpenLog();
        var count = PostgresAuditChainer.MaxBatch + 150;

        await Task.WhenAll(Enumerable.Range(0, count).Select(i => (i % 2 == 0 ? a : b).AppendAsync(Record("m" + i))));
        var report = await b.VerifyAsync();
        var listed = await a.ListAsync("conv-1");

        Assert.That(report.IsIntact, Is.True);
        Assert.That(report.VerifiedRecords, Is.EqualTo(count));
        Assert.That(listed.Select(r => r.MessageId), Is.EquivalentTo(Enumerable.Range(0, count).Select(i => "m" + i)));
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
    }

    [Test]
    public async Task StoppingAHost_ChainsWhatItAppended()
    {
        var log = OpenLog();
        await log.AppendAsync(Record("m1"));
        await log.AppendAsync(Record("m2"));

        await log.DisposeAsync();

        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
        Assert.That(await CountAsync("audit_records"), Is.EqualTo(2));
    }

    private static AuditRecord Record(string messageId) =>
        new(At, "conv-1", "outgoing", "held", ["ADDRESS"], ["r1"], "1** M*** S*****", ["h1"], messageId);

    private PostgresAuditLog OpenLog()
    {
        var database = new PostgresDatabase(Options.Create(new PostgresStorageOptions { ConnectionString = _connectionString }), TimeProvider.System);
        database.Initialize();
        var log = new PostgresAuditLog(database);

        // Disposed in reverse: the log (which chains what is waiting) before its database.
        _opened.Add(new DisposeDatabase(database));
        _opened.Add(log);
        return log;
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table};", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class DisposeDatabase(PostgresDatabase database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            database.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
