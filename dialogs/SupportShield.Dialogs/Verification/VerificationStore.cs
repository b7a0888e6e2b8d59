using Microsoft.Bot.Builder;
using SupportShield.Dialogs.Identity;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// Reads and writes verification records through the bot's <see cref="IStorage"/>. A record is written with the ETag it
/// was read with (none when it is new), so a write over a change made in between, by another host sharing the storage,
/// fails with <see cref="VerificationConflictException"/> and writes nothing: read-modify-write stays atomic across hosts.
/// </summary>
public sealed class VerificationStore
{
    private readonly IStorage _storage;

    public VerificationStore(IStorage storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    public Task<ConversationVerificationRecord> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync<ConversationVerificationRecord>(ConversationKey(conversationId), cancellationToken);

    public Task SaveConversationAsync(string conversationId, ConversationVerificationRecord record, CancellationToken cancellationToken) =>
        WriteAsync(ConversationKey(conversationId), record, cancellationToken);

    public Task<AccountVerificationLockRecord> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        ReadAsync<AccountVerificationLockRecord>(AccountKey(accountId), cancellationToken);

    public Task SaveAccountAsync(string accountId, AccountVerificationLockRecord record, CancellationToken cancellationToken) =>
        WriteAsync(AccountKey(accountId), record, cancellationToken);

    /// <summary>
    /// Saves a conversation's record and, when given, an account's record in one storage write, so that both are written
    /// or neither (when the storage writes a batch atomically, as the SQLite and PostgreSQL ones do).
    /// </summary>
    public Task SaveAsync(string conversationId, ConversationVerificationRecord conversation, string? accountId, AccountVerificationLockRecord? account, CancellationToken cancellationToken)
    {
        var records = new List<(string Key, IStoreItem Record)> { (ConversationKey(conversationId), conversation) };
        if (accountId is not null && account is not null)
        {
            records.Add((AccountKey(accountId), account));
        }

        return WriteAsync(records, cancellationToken);
    }

    public Task<IdentityTokenUseRecord> GetTokenUseAsync(string tokenKey, CancellationToken cancellationToken) =>
        ReadAsync<IdentityTokenUseRecord>(TokenKey(tokenKey), cancellationToken);

    public Task SaveTokenUseAsync(string tokenKey, IdentityTokenUseRecord record, CancellationToken cancellationToken) =>
        WriteAsync(TokenKey(tokenKey), record, cancellationToken);

    private static string TokenKey(string tokenKey) => "supportshield/verification/identity-tokens/" + tokenKey;

    private static string ConversationKey(string conversationId) => "supportshield/verification/conversations/" + conversationId;

    private static string AccountKey(string accountId) => "supportshield/verification/accounts/" + accountId;

    private async Task<T> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class, IStoreItem, new()
    {
        var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(key, out var value) && value is T record ? record : new T();
    }

    private Task WriteAsync(string key, IStoreItem record, CancellationToken cancellationToken) => WriteAsync([(key, record)], cancellationToken);

    private async Task WriteAsync(IReadOnlyList<(string Key, IStoreItem Record)> records, CancellationToken cancellationToken)
    {
        var expected = records.ToDictionary(r => r.Key, r => r.Record.ETag, StringComparer.Ordinal);
        try
        {
            await _storage.WriteAsync(records.ToDictionary(r => r.Key, r => (object)r.Record, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // Storages report an ETag conflict as InvalidOperationException (as MemoryStorage does); tell it from other
            // failures by looking: when a stored ETag is no longer the one read, someone else wrote first.
            var items = await _storage.ReadAsync(expected.Keys.ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var (key, etag) in expected)
            {
                var current = items.TryGetValue(key, out var value) && value is IStoreItem stored ? stored.ETag : null;
                if (!string.Equals(current, etag, StringComparison.Ordinal))
                {
                    throw new VerificationConflictException($"The verification record '{key}' changed since it was read; nothing was written.", exception);
                }
            }

            throw;
        }
    }
}
