using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Middleware.Tests.Audit;

public sealed class DecisionRecorderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static AuditRecord Record(string messageId) => new(At, "c1", "outgoing", "delivered", [], ["sender:agent"], null, [], messageId);

    [Test]
    public async Task Record_WritesTheLineAndTheAuditRecord()
    {
        var transcript = new InMemoryAgentTranscriptStore();
        var audit = new InMemoryAuditLog();

        var appended = await new DecisionRecorder(transcript, audit).RecordAsync(new TranscriptEntry("c1", TranscriptRole.Agent, "Happy to help.", At), Record("m1"));

        Assert.That(appended, Is.True);
        Assert.That(transcript.All.Select(l => l.Text), Is.EqualTo(new[] { "Happy to help." }));
        Assert.That(audit.All.Select(r => r.MessageId), Is.EqualTo(new[] { "m1" }));
    }

    [Test]
    public async Task Record_WithoutALine_WritesTheAuditRecordOnly()
    {
        var transcript = new InMemoryAgentTranscriptStore();
        var audit = new InMemoryAuditLog();

        var appended = await new DecisionRecorder(transcript, audit).RecordAsync(null, Record("m1"));

        Assert.That(appended, Is.True);
        Assert.That(transcript.All, Is.Empty);
        Assert.That(audit.All, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Record_RepeatedCustomerActivity_IsFalse_AndStillAudited()
    {
        var transcript = new RefusingRepeatsTranscript();
        var audit = new InMemoryAuditLog();
        var recorder = new DecisionRecorder(transcript, audit);
        var line = new TranscriptEntry("c1", TranscriptRole.Customer, "hello", At) { ActivityId = "a1" };

        var first = await recorder.RecordAsync(line, Record("a1"));
        var again = await recorder.RecordAsync(line, Record("a1"));

        Assert.That((first, again), Is.EqualTo((true, false)));
        Assert.That(transcript.Lines, Is.EqualTo(1));
        Assert.That(audit.All, Has.Count.EqualTo(2));
    }

    [Test]
    public void Record_AuditLogFails_TheCallFails()
    {
        var recorder = new DecisionRecorder(new InMemoryAgentTranscriptStore(), new FailingAuditLog());

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordAsync(new TranscriptEntry("c1", TranscriptRole.Agent, "x", At), Record("m1")));

        Assert.That(error!.Message, Is.EqualTo("audit store down"));
    }

    [Test]
    public async Task Hold_StoresTheMessageAndItsRecord()
    {
        var held = new InMemoryHeldMessageStore();
        var audit = new InMemoryAuditLog();

        var stored = await new DecisionRecorder(new InMemoryAgentTranscriptStore(), audit, held).HoldAsync(NewHeld("held-1"), Held("held-1"));

        Assert.That(stored.MessageId, Is.EqualTo("held-1"));
        Assert.That(stored.State, Is.EqualTo(HeldMessageState.Held));
        Assert.That((await held.ListHeldAsync("c1")).Select(m => (m.MessageId, m.Sequence)), Is.EqualTo(new[] { ("held-1", stored.Sequence) }));
        Assert.That(audit.All.Select(r => (r.Action, r.MessageId)), Is.EqualTo(new[] { ("held", (string?)"held-1") }));
    }

    [Test]
    public async Task Hold_AuditLogFails_TheCallFails_AndTheMessageStaysHeld()
    {
        var held = new InMemoryHeldMessageStore();
        var recorder = new DecisionRecorder(new InMemoryAgentTranscriptStore(), new FailingAuditLog(), held);

        Assert.ThrowsAsync<InvalidOperationException>(() => recorder.HoldAsync(NewHeld("held-1"), Held("held-1")));

        // Fail closed: what was held is not sent, and a retry finds it held under its id.
        Assert.That((await held.ListHeldAsync("c1")).Select(m => m.MessageId), Is.EqualTo(new[] { "held-1" }));
    }

    [Test]
    public void Hold_WithoutAHeldMessageStore_IsRefused_AndNothingIsAudited()
    {
        var audit = new InMemoryAuditLog();
        var recorder = new DecisionRecorder(new InMemoryAgentTranscriptStore(), audit);

        Assert.ThrowsAsync<InvalidOperationException>(() => recorder.HoldAsync(NewHeld("held-1"), Held("held-1")));

        Assert.That(audit.All, Is.Empty);
    }

    private static NewHeldMessage NewHeld(string id) => new(id, "c1", "{\"type\":\"message\"}", "agent", [], At);

    private static AuditRecord Held(string messageId) => new(At, "c1", "outgoing", "held", ["address"], ["sender:agent"], "742 E*** T***", [], messageId);

    private sealed class RefusingRepeatsTranscript : IAgentTranscriptStore
    {
        private readonly HashSet<string> _activities = [];

        public int Lines { get; private set; }

        public Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default) => TryAppendAsync(entry, cancellationToken);

        public Task<bool> TryAppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
        {
            if (entry.ActivityId is { } id && !_activities.Add(id))
            {
                return Task.FromResult(false);
            }

            Lines++;
            return Task.FromResult(true);
        }

        public Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class FailingAuditLog : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => Task.FromException(new InvalidOperationException("audit store down"));

        public Task<IReadOnlyList<AuditRecord>> ListAsync(string conversationId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
