using Microsoft.Extensions.Logging;
using Npgsql;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Storage.Postgres;

/// <summary>
/// Moves committed audit records from <c>audit_inbox</c> into the chain in <c>audit_records</c>. One host at a time
/// chains (a transaction-scoped advisory lock): it reads the chain head and the oldest waiting records, links each to
/// the one before, inserts them and deletes them from the inbox in the same transaction, so a record is chained exactly
/// once and is never lost in between: a host that dies leaves its records committed in the inbox, and any host chains
/// them. Each host runs this after its own appends (gathered for a few milliseconds, so one transaction takes many), and
/// once a second to pick up records another host left. Readers call <see cref="ChainWaitingAsync"/> first, so what was
/// appended before a read is in the chain it reads.
/// </summary>
internal sealed partial class PostgresAuditChainer : IAsyncDisposable, IDisposable
{
    /// <summary>Most records chained in one transaction.</summary>
    public const int MaxBatch = 500;

    /// <summary>
    /// How long after an append the chainer waits for more before it writes: long enough that a busy host chains dozens of
    /// records per transaction (fewer lock waits between hosts: measured 10 ms against 50, two hosts' p99 added latency
    /// went from 12.5 to 7.5 ms), short enough that the ops console's view is current.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the inbox is looked at when this host appends nothing (records another host left behind).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly PostgresDatabase _database;
    private readonly ILogger? _logger;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _signalled;
    private int _disposed;

    public PostgresAuditChainer(PostgresDatabase database, ILogger? logger)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Says a record was added to the inbox: the chainer writes it (with others) in a moment.</summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Chains every record committed to the inbox so far (by any host); returns how many this call chained.</summary>
    public async Task<int> ChainWaitingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var chained = await ChainBatchAsync(cancellationToken).ConfigureAwait(false);
            total += chained;
            if (chained < MaxBatch)
            {
                return total;
            }
        }
    }

    /// <summary>Stops the background loop and chains what is waiting (what cannot be stays in the inbox for another host).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        try
        {
            await ChainWaitingAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutting down: the records stay committed in the inbox and the next host to start chains them.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailure(error);
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>Stops the background loop and chains what is waiting, waiting at most 30 s.</summary>
    public void Dispose() => DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        var woken = true; // at start: records a stopped or crashed host left behind
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (woken)
                {
                    await Task.Delay(Gather, token).ConfigureAwait(false);
                    Interlocked.Exchange(ref _signalled, 0);
                    await ChainWaitingAsync(token).ConfigureAwait(false);
                }
                else if (await AnyWaitingAsync(token).ConfigureAwait(false))
                {
                    await ChainWaitingAsync(token).ConfigureAwait(false);
                }

                woken = await _wake.WaitAsync(Poll, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                // The database was disposed first: nothing more can be chained from this host.
                return;
            }
#pragma warning disable CA1031 // A failed attempt leaves the records committed in the inbox; the next attempt chains them.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogFailure(error);
                woken = false;
                try
                {
                    await Task.Delay(Poll, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private Task<bool> AnyWaitingAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM audit_inbox);", connection);
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
            },
            cancellationToken);

    /// <summary>One transaction: the chain lock, the head, the oldest waiting records; then their chained rows and their removal from the inbox.</summary>
    private Task<int> ChainBatchAsync(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction, ct) =>
            {
                string head;
                var waiting = new List<ChainedAuditRecord>();
                await using (var lookup = new NpgsqlBatch(connection, transaction))
                {
                    var gate = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key);");
                    gate.Parameters.AddWithValue("key", PostgresDatabase.AuditChainLockKey);
                    lookup.BatchCommands.Add(gate);
                    lookup.BatchCommands.Add(new NpgsqlBatchCommand("SELECT hash FROM audit_records ORDER BY id DESC LIMIT 1;"));
                    var inbox = new NpgsqlBatchCommand("""
                        SELECT id, conversation_id, time, direction, action, entity_types_json, rule_ids_json, masked_preview,
                               value_hashes_json, message_id, actor, NULL::text, NULL::text
                        FROM audit_inbox ORDER BY id LIMIT @max;
                        """);
                    inbox.Parameters.AddWithValue("max", MaxBatch);
                    lookup.BatchCommands.Add(inbox);
                    await using var reader = await lookup.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);

                    // A missing hash on the last record (tampering) is left for verify to report; the chain goes on from genesis.
                    head = await reader.ReadAsync(ct).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetString(0) : AuditChain.Genesis;
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        waiting.Add(AuditTable.Read(reader));
                    }
                }

                if (waiting.Count == 0)
                {
                    return 0;
                }

                await using var rows = new NpgsqlBatch(connection, transaction);
                var previous = head;
                foreach (var record in waiting)
                {
                    var hash = AuditChain.ComputeHash(previous, record.Record);
                    rows.BatchCommands.Add(PostgresAuditRows.InsertChained(record.Record, previous, hash));
                    previous = hash;
                }

                var remove = new NpgsqlBatchCommand("DELETE FROM audit_inbox WHERE id = ANY(@ids);");
                remove.Parameters.AddWithValue("ids", waiting.ConvertAll(r => r.Id).ToArray());
                rows.BatchCommands.Add(remove);
                await rows.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return waiting.Count;
            },
            cancellationToken);

    private void LogFailure(Exception error)
    {
        if (_logger is not null)
        {
            ChainFailed(_logger, error.GetType().Name, (error as PostgresException)?.SqlState);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit records could not be chained yet ({ErrorType} {SqlState}); they stay committed in audit_inbox and are chained on the next attempt.")]
    private static partial void ChainFailed(ILogger logger, string errorType, string? sqlState);
}
