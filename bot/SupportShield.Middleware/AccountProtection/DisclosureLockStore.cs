using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.AccountProtection;

/// <summary>Keeps disclosure locks in the bot's <see cref="IStorage"/>, one per account.</summary>
public sealed class DisclosureLockStore
{
    private readonly IStorage _storage;

    public DisclosureLockStore(IStorage storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    /// <summary>The account's lock (an unlocked record when there is none).</summary>
    public async Task<DisclosureLock> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var key = Key(accountId);
        var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(key, out var value) && value is DisclosureLock record ? record : new DisclosureLock();
    }

    /// <summary>Locks chat disclosures for the account.</summary>
    public Task LockAsync(string accountId, DisclosureLockReason reason, DateTimeOffset at, DateTimeOffset? ownerCanLiftAfter, CancellationToken cancellationToken = default) =>
        SaveAsync(accountId, new DisclosureLock { Locked = true, Reason = reason, LockedAt = at, OwnerCanLiftAfter = ownerCanLiftAfter }, cancellationToken);

    /// <summary>Lifts the lock.</summary>
    public Task UnlockAsync(string accountId, CancellationToken cancellationToken = default) =>
        SaveAsync(accountId, new DisclosureLock { Locked = false }, cancellationToken);

    private Task SaveAsync(string accountId, DisclosureLock record, CancellationToken cancellationToken)
    {
        record.ETag = "*";
        return _storage.WriteAsync(new Dictionary<string, object> { [Key(accountId)] = record }, cancellationToken);
    }

    private static string Key(string accountId) => "supportshield/protection/accounts/" + accountId;
}
