using Microsoft.Bot.Builder;
using SupportShield.Dialogs.Identity;

namespace SupportShield.Dialogs.Verification;

/// <summary>Reads and writes verification records through the bot's <see cref="IStorage"/>.</summary>
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

    private Task WriteAsync(string key, IStoreItem record, CancellationToken cancellationToken)
    {
        // Last writer wins within one conversation's turn; records carry no ETag check so that a stale read never blocks a lock.
        record.ETag = "*";
        return _storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken);
    }
}
