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

    private async Task WriteAsync(string key, IStoreItem record, CancellationToken cancellationToken)
    {
        var expected = record.ETag;
        try
        {
            await _storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // Storages report an ETag conflict as InvalidOperationException (as MemoryStorage does); tell it from other
            // failures by looking: when the stored ETag is no longer the one read, someone else wrote first.
            var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var current = items.TryGetValue(key, out var value) && value is IStoreItem stored ? stored.ETag : null;
            if (!string.Equals(current, expected, StringComparison.Ordinal))
            {
                throw new VerificationConflictException($"The verification record '{key}' changed since it was read; nothing was written.", exception);
            }

            throw;
        }
    }
}
