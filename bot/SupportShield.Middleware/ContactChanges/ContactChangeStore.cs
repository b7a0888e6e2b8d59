using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>Pending changes per conversation and applied changes per account, in the bot's <see cref="IStorage"/>.</summary>
public sealed class ContactChangeStore
{
    private const string IndexKey = "supportshield/contact-changes/accounts-index";
    private readonly IStorage _storage;

    public ContactChangeStore(IStorage storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    public Task<PendingContactChange> GetPendingAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ReadAsync<PendingContactChange>(PendingKey(conversationId), cancellationToken);

    public Task SavePendingAsync(string conversationId, PendingContactChange change, CancellationToken cancellationToken = default) =>
        WriteAsync(PendingKey(conversationId), change, cancellationToken);

    public Task<ContactOverrides> GetOverridesAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadAsync<ContactOverrides>(OverridesKey(accountId), cancellationToken);

    /// <summary>Saves the account's overrides and remembers the account in the index used for lookups by contact.</summary>
    public async Task SaveOverridesAsync(string accountId, ContactOverrides overrides, CancellationToken cancellationToken = default)
    {
        await WriteAsync(OverridesKey(accountId), overrides, cancellationToken).ConfigureAwait(false);
        var index = await ReadAsync<ContactChangeIndex>(IndexKey, cancellationToken).ConfigureAwait(false);
        if (!index.AccountIds.Contains(accountId))
        {
            index.AccountIds.Add(accountId);
            await WriteAsync(IndexKey, index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Accounts with contact details changed through the chat.</summary>
    public async Task<IReadOnlyList<string>> ChangedAccountsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<ContactChangeIndex>(IndexKey, cancellationToken).ConfigureAwait(false)).AccountIds;

    private static string PendingKey(string conversationId) => "supportshield/contact-changes/conversations/" + conversationId;

    private static string OverridesKey(string accountId) => "supportshield/contact-changes/accounts/" + accountId;

    private async Task<T> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class, IStoreItem, new()
    {
        var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(key, out var value) && value is T record ? record : new T();
    }

    private Task WriteAsync(string key, IStoreItem record, CancellationToken cancellationToken)
    {
        record.ETag = "*";
        return _storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken);
    }
}
