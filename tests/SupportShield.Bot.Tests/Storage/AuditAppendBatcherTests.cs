using SupportShield.Bot.Storage;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Tests.Storage;

public sealed class AuditAppendBatcherTests
{
    private static AuditRecord Record(int i) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(i), "c" + i, "outgoing", "held", ["ADDRESS"], ["r1"], null, []);

    [Test]
    public async Task AppendsWaitingTogether_AreWrittenInOneBatch_AndEachCallerReturnsAfterItsWrite()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<IReadOnlyList<AuditRecord>>();
        await using var batcher = new AuditAppendBatcher(async (records, _) =>
        {
            lock (batches)
            {
                batches.Add(records);
            }

            await gate.Task;
        });

        var first = batcher.AppendAsync(Record(0));
        await WaitUntilAsync(() => { lock (batches) { return batches.Count == 1; } });
        var rest = Enumerable.Range(1, 50).Select(i => batcher.AppendAsync(Record(i))).ToList();

        Assert.That(first.IsCompleted, Is.False, "a caller returns only once its record is written");
        gate.SetResult();
        await Task.WhenAll(rest.Append(first));

        Assert.That(batches, Has.Count.EqualTo(2), "the 50 appends that queued behind the first went in one batch");
        Assert.That(batches[1].Select(r => r.ConversationId), Is.EqualTo(Enumerable.Range(1, 50).Select(i => "c" + i)));
    }

    [Test]
    public async Task SeveralWriters_AnAppendDoesNotWaitForTheBatchInFlight()
    {
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        await using var batcher = new AuditAppendBatcher(
            async (records, _) =>
            {
                // The first batch hangs (a slow commit); every later one is written at once.
                if (Interlocked.Increment(ref started) == 1)
                {
                    await stuck.Task;
                }
            },
            writers: 2);

        var first = batcher.AppendAsync(Record(0));
        await WaitUntilAsync(() => Volatile.Read(ref started) == 1);

        // Completes while the first batch is still being written (the timeout only turns a hang into a failure).
        await batcher.AppendAsync(Record(1)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(first.IsCompleted, Is.False);
        stuck.SetResult();
        await first;
    }

    [Test]
    public void Writers_FewerThanOne_AreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditAppendBatcher((_, _) => Task.CompletedTask, writers: 0));

    [Test]
    public async Task FailedWrite_FailsEveryCallerOfThatBatch_AndLaterAppendsStillWork()
    {
        var fail = true;
        var written = new List<AuditRecord>();
        await using var batcher = new AuditAppendBatcher((records, _) =>
        {
            if (fail)
            {
                throw new InvalidOperationException("database down");
            }

            written.AddRange(records);
            return Task.CompletedTask;
        });

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AppendAsync(Record(1)));
        fail = false;
        await batcher.AppendAsync(Record(2));

        Assert.That(error!.Message, Is.EqualTo("database down"));
        Assert.That(written.Select(r => r.ConversationId), Is.EqualTo(new[] { "c2" }));
    }

    [Test]
    public async Task AfterDispose_QueuedRecordsAreWritten_AndNewAppendsAreRefused()
    {
        var written = 0;
        var batcher = new AuditAppendBatcher(async (records, _) =>
        {
            await Task.Yield();
            Interlocked.Add(ref written, records.Count);
        });
        var queued = Enumerable.Range(0, 20).Select(i => batcher.AppendAsync(Record(i))).ToList();

        await batcher.DisposeAsync();
        await Task.WhenAll(queued);

        Assert.That(written, Is.EqualTo(20));
        Assert.Throws<ObjectDisposedException>(() => batcher.AppendAsync(Record(99)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true.");
            }

            await Task.Delay(5);
        }
    }
}
