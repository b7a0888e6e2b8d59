using System.Threading.Channels;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage;

/// <summary>
/// Group commit for audit appends. One at a time, each append would pay a whole transaction (and its flush to disk);
/// here every append waiting at the moment is written in one. The caller still returns only after its record is
/// committed (a failed write fails every caller of that batch, so the message path fails closed), but a busy host pays
/// one commit for many records. SQLite chains records as it writes them, so its batches go one after the other; the
/// PostgreSQL inbox is chained later, so several of its batches may be written at once.
/// </summary>
public sealed class AuditAppendBatcher : IAsyncDisposable, IDisposable
{
    /// <summary>Most records written in one transaction.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue;
    private readonly Func<IReadOnlyList<AuditRecord>, CancellationToken, Task> _writeMany;
    private readonly Task _writer;

    /// <param name="writeMany">Writes the records, in order, in one transaction; throws when nothing was written.</param>
    /// <param name="writers">
    /// Batches written at once. One when each batch must follow the one before (the records are chained as they are
    /// written); more when the store orders them later, so an append waits for a free writer, not for the batch in flight.
    /// </param>
    public AuditAppendBatcher(Func<IReadOnlyList<AuditRecord>, CancellationToken, Task> writeMany, int writers = 1)
    {
        _writeMany = writeMany ?? throw new ArgumentNullException(nameof(writeMany));
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = writers == 1 });
        _writer = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)));
    }

    /// <summary>Queues <paramref name="record"/> and completes when it is committed (or fails with the write's error).</summary>
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var normalised = AuditRecordChecks.Normalise(record);
        var pending = new Pending(normalised, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditAppendBatcher), "The audit log is shut down; nothing more can be appended.");
        }

        // A caller that stops waiting does not take its record back: once queued it is written.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses new appends and waits until the queued ones are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Refuses new appends and waits (at most 30 s) until the queued ones are written.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(30));
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await _writeMany(batch.ConvertAll(p => p.Record), CancellationToken.None).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // Every failure goes to the callers of the batch, which fail closed; the writer goes on.
            catch (Exception error)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(error);
                }
            }
        }
    }

    private sealed record Pending(AuditRecord Record, TaskCompletionSource Done);
}
