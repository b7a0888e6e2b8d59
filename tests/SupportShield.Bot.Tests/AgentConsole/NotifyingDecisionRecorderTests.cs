using SupportShield.Bot.AgentConsole;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.AgentConsole;

/// <summary>The agent consoles hear of a decision's transcript line or held message once it is stored, once, and of nothing else.</summary>
public sealed class NotifyingDecisionRecorderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task StoredLine_IsToldOnce_ARepeatOrNoLineIsNot()
    {
        var events = new RecordingEvents();
        var recorder = new NotifyingDecisionRecorder(new DecisionRecorder(new InMemoryAgentTranscriptStore(), new InMemoryAuditLog()), events);
        var line = new TranscriptEntry("c1", TranscriptRole.Agent, "Happy to help.", At);

        await recorder.RecordAsync(line, Record());
        await recorder.RecordAsync(null, Record());

        Assert.That(events.Lines, Is.EqualTo(new[] { line }));
    }

    [Test]
    public async Task RepeatedCustomerActivity_IsNotToldAgain()
    {
        var events = new RecordingEvents();
        var recorder = new NotifyingDecisionRecorder(new RepeatRefusingRecorder(), events);
        var line = new TranscriptEntry("c1", TranscriptRole.Customer, "hello", At) { ActivityId = "a1" };

        await recorder.RecordAsync(line, Record());
        await recorder.RecordAsync(line, Record());

        Assert.That(events.Lines, Has.Count.EqualTo(1));
    }

    [Test]
    public void FailedRecord_IsNotTold()
    {
        var events = new RecordingEvents();
        var recorder = new NotifyingDecisionRecorder(new FailingRecorder(), events);

        Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordAsync(new TranscriptEntry("c1", TranscriptRole.Agent, "x", At), Record()));

        Assert.That(events.Lines, Is.Empty);
    }

    [Test]
    public async Task StoredHold_IsToldOnce_WithItsSequence()
    {
        var events = new RecordingEvents();
        var held = new InMemoryHeldMessageStore();
        var recorder = new NotifyingDecisionRecorder(new DecisionRecorder(new InMemoryAgentTranscriptStore(), new InMemoryAuditLog(), held), events);

        var stored = await recorder.HoldAsync(Held("held-1"), Record());

        Assert.That(events.Held, Is.EqualTo(new[] { stored }));
        Assert.That(events.Held[0].MessageId, Is.EqualTo("held-1"));
        Assert.That(events.Lines, Is.Empty);
    }

    [Test]
    public void FailedHold_IsNotTold()
    {
        var events = new RecordingEvents();
        var recorder = new NotifyingDecisionRecorder(new FailingRecorder(), events);

        Assert.ThrowsAsync<InvalidOperationException>(() => recorder.HoldAsync(Held("held-1"), Record()));

        Assert.That(events.Held, Is.Empty);
    }

    private static NewHeldMessage Held(string id) => new(id, "c1", "{\"type\":\"message\"}", "agent", [], At);

    private static AuditRecord Record() => new(At, "c1", "outgoing", "delivered", [], [], null, []);

    private sealed class RepeatRefusingRecorder : IDecisionRecorder
    {
        private readonly HashSet<string> _seen = [];

        public Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromResult(line?.ActivityId is not { } id || _seen.Add(id));

        public Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromResult(message.Stored(1));
    }

    private sealed class FailingRecorder : IDecisionRecorder
    {
        public Task<bool> RecordAsync(TranscriptEntry? line, AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromException<bool>(new InvalidOperationException("database down"));

        public Task<HeldMessage> HoldAsync(NewHeldMessage message, AuditRecord record, CancellationToken cancellationToken = default) =>
            Task.FromException<HeldMessage>(new InvalidOperationException("database down"));
    }

    private sealed class RecordingEvents : IConversationEvents
    {
        public List<TranscriptEntry> Lines { get; } = [];

        public Task TranscriptLineAddedAsync(TranscriptEntry line, CancellationToken cancellationToken = default)
        {
            Lines.Add(line);
            return Task.CompletedTask;
        }

        public List<HeldMessage> Held { get; } = [];

        public Task MessageHeldAsync(HeldMessage message, CancellationToken cancellationToken = default)
        {
            Held.Add(message);
            return Task.CompletedTask;
        }

        public Task HeldMessagesChangedAsync(string conversationId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task VerificationChangedAsync(string conversationId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
