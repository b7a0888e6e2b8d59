namespace SupportShield.Bot.Locking;

/// <summary>
/// One <see cref="SemaphoreSlim"/> per key, within this process; a key's semaphore goes once nobody holds or waits for it.
/// The time to live does not apply: a holder in this process always releases (the handle is disposed in a finally).
/// </summary>
public sealed class InProcessDistributedLock : IDistributedLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        var acquired = false;
        try
        {
            acquired = await entry.Gate.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!acquired)
            {
                Leave(key, entry);
            }
        }

        return acquired ? new Handle(this, key, entry) : null;
    }

    private void Leave(string key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Handle(InProcessDistributedLock owner, string key, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }

            return ValueTask.CompletedTask;
        }
    }
}
