using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Security;

namespace SupportShield.Dialogs.Identity;

/// <summary>
/// Binds each identity token (by its <c>jti</c>) to the first conversation that presents it, for the token's lifetime:
/// a token copied into another conversation is refused, also when the copy reaches another host sharing the storage.
/// Stores only a keyed hash of the id.
/// </summary>
#pragma warning disable CA1001 // The gate is a SemaphoreSlim without a wait handle: nothing to dispose; the guard lives as long as the host.
public sealed class IdentityTokenReplayGuard
#pragma warning restore CA1001
{
    private const string Purpose = "identity-token-id";

    private readonly VerificationStore _store;
    private readonly KeyedHasher _hasher;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IdentityTokenReplayGuard(VerificationStore store, KeyedHasher hasher, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Records the use of token <paramref name="tokenId"/> in <paramref name="conversationId"/>, or reports a replay.</summary>
    public async Task<IdentityTokenUse> UseAsync(string tokenId, string conversationId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var key = Convert.ToBase64String(_hasher.Hash(Purpose, tokenId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var record = await _store.GetTokenUseAsync(key, cancellationToken).ConfigureAwait(false);
                if (record.ConversationId is not null && record.ExpiresAt > _time.GetUtcNow())
                {
                    return string.Equals(record.ConversationId, conversationId, StringComparison.Ordinal) ? IdentityTokenUse.SameConversation : IdentityTokenUse.Replayed;
                }

                record.ConversationId = conversationId;
                record.ExpiresAt = expiresAt;
                try
                {
                    // Written with the ETag read: of two hosts binding one token at once, the second sees the first's binding.
                    await _store.SaveTokenUseAsync(key, record, cancellationToken).ConfigureAwait(false);
                    return IdentityTokenUse.First;
                }
                catch (VerificationConflictException) when (attempt < 8)
                {
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
