using Microsoft.Bot.Builder;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Locking;

/// <summary>
/// Serializes a conversation's verification steps across instances: a start, and a customer message while verification
/// is pending (a code, a contact or a factor switch), run under the lock <c>verification:{conversationId}</c>. The
/// verification records are read, changed and written back without a version check (the state machine's own gate
/// serializes that within one process only), so without the lock two turns of one conversation on two instances could
/// both spend the same wrong-code try (more guesses than allowed), issue two codes, or release held messages twice.
/// When the lock cannot be had (Redis unreachable, or held past the wait) the turn fails: nothing is checked or sent and
/// the customer is asked to try again.
/// </summary>
public sealed class ConversationLockingVerificationGateway : IVerificationGateway
{
    private readonly IVerificationGateway _inner;
    private readonly IDistributedLock _locks;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _wait;

    /// <param name="inner">The gateway whose steps are serialized.</param>
    /// <param name="locks">The lock store.</param>
    /// <param name="ttl">How long a lock lives at most (longer than a turn's verification step, which may send an email).</param>
    /// <param name="wait">How long a turn waits for another turn of the same conversation.</param>
    public ConversationLockingVerificationGateway(IVerificationGateway inner, IDistributedLock locks, TimeSpan ttl, TimeSpan wait)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        _ttl = ttl;
        _wait = wait;
    }

    /// <summary>The lock key of a conversation's verification steps.</summary>
    public static string LockKey(string conversationId) => "verification:" + conversationId;

    /// <inheritdoc />
    public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _inner.GetStatusAsync(conversationId, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;

        // Ordinary chat (nothing pending) takes no lock, so customers can chat while Redis is down; the identity-token
        // path it may take is guarded by the token's single use and the held messages' claims.
        if ((await _inner.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false)).State != VerificationState.Pending)
        {
            return await _inner.TryHandleCustomerMessageAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }

        await using var held = await AcquireAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return await _inner.TryHandleCustomerMessageAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await using var held = await AcquireAsync(turnContext.Activity.Conversation.Id, cancellationToken).ConfigureAwait(false);
        return await _inner.StartAsync(turnContext, trigger, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var held = await _locks.TryAcquireAsync(LockKey(conversationId), _ttl, _wait, cancellationToken).ConfigureAwait(false)
            ?? throw new DistributedLockUnavailableException($"Another turn of the conversation held its verification lock for more than {_wait.TotalSeconds:0.#} seconds.");

        // The previous holder (maybe on another host) may have consumed the code or counted a wrong one meanwhile: what
        // this turn read before waiting is stale, so the work under the lock reads afresh.
        StorageReadScope.Current?.ForgetAll();
        return held;
    }
}
