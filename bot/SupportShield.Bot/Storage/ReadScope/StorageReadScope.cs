using System.Collections.Concurrent;

namespace SupportShield.Bot.Storage.ReadScope;

/// <summary>
/// The read cache of one unit of work (one incoming activity, one agent send). While a scope is open on the current async
/// flow, the stores answer a repeated read of the same row from what they read or wrote earlier in the scope instead of
/// asking the database again: a turn asks for its conversation record and verification state several times (rate limit,
/// screening in, screening out, policy), and on a shared database each ask was a network round trip.
/// <para>
/// Within a scope a row is seen as it was at its first read, or as this scope last wrote it: the same view a single read
/// at the start of the work would give. Writes stay checked against the database (ETags, conditional statements), so a
/// change made meanwhile by another host still makes a write fail, and a failed write forgets the rows it touched so a
/// retry reads them afresh. Outside a scope (background work, consoles, tests) nothing is cached. A scope ends when
/// disposed; work it started that outlives it (a background push) stops using it at once.
/// </para>
/// </summary>
public sealed class StorageReadScope : IDisposable
{
    /// <summary>Rows one scope keeps at most; beyond that, reads go to the database.</summary>
    public const int MaxEntries = 256;

    private static readonly AsyncLocal<StorageReadScope?> CurrentScope = new();

    private readonly ConcurrentDictionary<string, object> _entries = new(StringComparer.Ordinal);
    private readonly StorageReadScope? _outer;
    private volatile bool _ended;

    private StorageReadScope(StorageReadScope? outer) => _outer = outer;

    /// <summary>The open scope of the current async flow, or null.</summary>
    public static StorageReadScope? Current => CurrentScope.Value is { _ended: false } scope ? scope : null;

    /// <summary>Opens a scope on the current async flow (call it from the method whose work it covers, and dispose it there).</summary>
    public static StorageReadScope Begin()
    {
        var scope = new StorageReadScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>The value kept under <paramref name="key"/>, when there is one of type <typeparamref name="T"/>.</summary>
    public bool TryGet<T>(string key, out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_ended && _entries.TryGetValue(key, out var kept) && kept is T typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> (replacing what was kept), while there is room.</summary>
    public void Set(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_ended)
        {
            return;
        }

        if (_entries.Count < MaxEntries || _entries.ContainsKey(key))
        {
            _entries[key] = value;
        }
    }

    /// <summary>Forgets what is kept under <paramref name="key"/>, so the next read asks the database.</summary>
    public void Forget(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.TryRemove(key, out _);
    }

    /// <summary>
    /// Forgets everything kept, so every next read asks the database: for work that has just taken a lock and must see
    /// what the previous holder wrote, not what this scope read before waiting for it.
    /// </summary>
    public void ForgetAll() => _entries.Clear();

    /// <summary>Ends the scope: nothing is read from it or kept in it any more.</summary>
    public void Dispose()
    {
        _ended = true;
        _entries.Clear();
        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = _outer;
        }
    }
}
