using Microsoft.Extensions.Options;
using Npgsql;
using SupportShield.Bot.Storage;
using SupportShield.Bot.Storage.Postgres;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Storage.Postgres;

/// <summary>A decision's transcript line or held message and its audit record: one round trip, one commit, both or neither.</summary>
public sealed class PostgresDecisionRecorderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private PostgresDatabase _database = null!;
    private PostgresAuditLog _audit = null!;
    private PostgresTranscriptStore _transcript = null!;
    private PostgresDecisionRecorder _recorder = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("decisions");
        _database = new PostgresDatabase(Options.Create(new PostgresStorageOptions { ConnectionString = _connectionString }), TimeProvider.System);
        _database.Initialize();
        _audit = new PostgresAuditLog(_database);
        _transcript = new PostgresTranscriptStore(_database);
        _recorder = new PostgresDecisionRecorder(_audit);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _audit.DisposeAsync();
        _database.Dispose();
        NpgsqlConnection.ClearAllPools();
    }

    [Test]
    public async Task Record_CustomerLineAndRecord_BothStored_TheRecordInTheChain()
    {
        var appended = await _recorder.RecordAsync(CustomerLine("a1", "hello, I moved house"), Received("a1"));

        Assert.That(appended, Is.True);
        Assert.That((await _transcript.ListAsync("c1")).Select(l => l.Text), Is.EqualTo(new[] { "hello, I moved house" }));
        Assert.That(await _transcript.ContainsActivityAsync("c1", "a1"), Is.True);
        Assert.That((await _audit.ListAsync("c1")).Select(r => r.MessageId), Is.EqualTo(new[] { "a1" }));
        Assert.That((await _audit.VerifyAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task Record_SameCustomerActivityTwice_LineOnce_AuditedTwice_SecondIsFalse()
    {
        var first = await _recorder.RecordAsync(CustomerLine("a1", "hello"), Received("a1"));
        var again = await _recorder.RecordAsync(CustomerLine("a1", "hello"), Received("a1"));

        Assert.That((first, again), Is.EqualTo((true, false)));
        Assert.That(await _transcript.ListAsync("c1"), Has.Count.EqualTo(1));
        Assert.That(await _audit.ListAsync("c1"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Record_WithoutALine_StoresTheRecordOnly()
    {
        var appended = await _recorder.RecordAsync(null, Received("a1"));

        Assert.That(appended, Is.True);
        Assert.That(await _transcript.ListAsync("c1"), Is.Empty);
        Assert.That(await _audit.ListAsync("c1"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Record_LineTheDatabaseRefuses_NeitherIsStored_AndTheCallFails()
    {
        // PostgreSQL text cannot hold a NUL character: the line's statement fails, and the batch with it.
        var refused = new TranscriptEntry("c1", TranscriptRole.Agent, "bad\0line", At);

        Assert.CatchAsync<Exception>(() => _recorder.RecordAsync(refused, Received("m1")));

        Assert.That(await _transcript.ListAsync("c1"), Is.Empty);
        Assert.That(await _audit.ListAsync("c1"), Is.Empty, "no audit record of a decision whose line was not stored");
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
    }

    [Test]
    public async Task Hold_MessageAndRecord_BothStored_InHoldingOrder()
    {
        var held = new PostgresHeldMessageStore(_database);

        var first = await _recorder.HoldAsync(NewHeld("held-1"), HeldRecord("held-1"));
        var second = await _recorder.HoldAsync(NewHeld("held-2"), HeldRecord("held-2"));

        Assert.That(second.Sequence, Is.GreaterThan(first.Sequence));
        Assert.That((await held.ListHeldAsync("c1")).Select(m => (m.MessageId, m.Sequence, m.SenderRole)),
            Is.EqualTo(new[] { ("held-1", first.Sequence, "agent"), ("held-2", second.Sequence, "agent") }));
        Assert.That((await _audit.ListAsync("c1")).Select(r => (r.Action, r.MessageId)), Is.EqualTo(new[] { ("held", (string?)"held-1"), ("held", "held-2") }));
        Assert.That((await _audit.VerifyAsync()).IsIntact, Is.True);
    }

    [Test]
    public async Task Hold_SameIdTwice_SecondIsRefused_AndAuditsNothing()
    {
        await _recorder.HoldAsync(NewHeld("held-1"), HeldRecord("held-1"));

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => _recorder.HoldAsync(NewHeld("held-1"), HeldRecord("held-1")));

        Assert.That(error!.Message, Does.Contain("held-1").And.Contain("already exists"));
        Assert.That(await new PostgresHeldMessageStore(_database).ListAllAsync("c1"), Has.Count.EqualTo(1));
        Assert.That(await _audit.ListAsync("c1"), Has.Count.EqualTo(1), "no record of a hold that did not happen");
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
    }

    [Test]
    public async Task Hold_RecordTheDatabaseRefuses_NothingIsHeld_AndTheCallFails()
    {
        // The record's insert is the second statement of the batch: its failure takes the held message back with it.
        var refused = HeldRecord("held-1") with { MaskedPreview = "bad\0preview" };

        Assert.CatchAsync<Exception>(() => _recorder.HoldAsync(NewHeld("held-1"), refused));

        Assert.That(await new PostgresHeldMessageStore(_database).ListAllAsync("c1"), Is.Empty);
        Assert.That(await _audit.ListAsync("c1"), Is.Empty);
        Assert.That(await CountAsync("audit_inbox"), Is.Zero);
    }

    private static NewHeldMessage NewHeld(string id) => new(id, "c1", "{\"type\":\"message\",\"text\":\"742 Evergreen Terrace\"}", "agent", [], At);

    private static AuditRecord HeldRecord(string messageId) => new(At, "c1", "outgoing", "held", ["address"], ["sender:agent"], "742 E*** T***", [], messageId);

    private static TranscriptEntry CustomerLine(string activityId, string text) =>
        new("c1", TranscriptRole.Customer, text, At) { ActivityId = activityId };

    private static AuditRecord Received(string messageId) => new(At, "c1", "incoming", "received", [], ["intent.none"], null, [], messageId);

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table};", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
