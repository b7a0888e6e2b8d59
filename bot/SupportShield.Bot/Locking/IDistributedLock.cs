namespace SupportShield.Bot.Locking;

/// <summary>
/// Short-lived mutual exclusion by key: within this process (<see cref="InProcessDistributedLock"/>, the default) or across
/// instances through Redis (<c>SupportShield.Bot.Redis.RedisDistributedLock</c>).
/// </summary>
public interface IDistributedLock
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> to take the lock on <paramref name="key"/>. The lock is held until the returned
    /// handle is disposed or, across instances, until <paramref name="ttl"/> has passed (so a crashed holder cannot keep
    /// it). Null when someone else held it all the time; throws <see cref="DistributedLockUnavailableException"/> when the
    /// lock store cannot be reached.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string key, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken = default);
}
