using Microsoft.Bot.Builder;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Verification;

namespace SupportShield.Middleware.AccountProtection;

/// <summary>
/// The customer's side of the disclosure lock: a verified customer can ask in the chat that their data never be disclosed
/// over chat, and lift their own lock once the cooling-off period has passed. Unverified customers are verified first.
/// </summary>
public sealed class DisclosureLockConversation
{
    private readonly DisclosureLockStore _locks;
    private readonly IVerificationGateway _verification;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly DisclosureLockOptions _options;
    private readonly TimeProvider _time;

    public DisclosureLockConversation(
        DisclosureLockStore locks,
        IVerificationGateway verification,
        IAuditLog audit,
        AuditRecordFactory records,
        DisclosureLockOptions options,
        TimeProvider time)
    {
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _verification = verification ?? throw new ArgumentNullException(nameof(verification));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Handles a lock or lift request in the customer's message. Returns false when the message is neither.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, Account? account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        var lift = DisclosureLockRequest.IsLiftRequest(text);
        if (!lift && !DisclosureLockRequest.IsLockRequest(text))
        {
            return false;
        }

        var conversationId = turnContext.Activity.Conversation.Id;
        var status = await _verification.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (account is null || !status.IsVerifiedFor(account.Id))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(DisclosureLockMessages.VerifyFirst), cancellationToken).ConfigureAwait(false);
            await _verification.StartAsync(turnContext, lift ? "lock:lift" : "lock:request", cancellationToken).ConfigureAwait(false);
            return true;
        }

        var now = _time.GetUtcNow();
        var current = await _locks.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
        string reply;
        if (!lift)
        {
            var liftable = now + _options.OwnerCoolingOff;
            await _locks.LockAsync(account.Id, DisclosureLockReason.CustomerRequest, now, liftable, cancellationToken).ConfigureAwait(false);
            await AuditAsync(conversationId, "protection.locked", "protection.customer-request", cancellationToken).ConfigureAwait(false);
            reply = DisclosureLockMessages.Locked(liftable);
        }
        else if (!current.Locked)
        {
            reply = DisclosureLockMessages.NotLocked;
        }
        else if (current.Reason == DisclosureLockReason.CustomerRequest && current.OwnerCanLiftAfter is { } after && now >= after)
        {
            await _locks.UnlockAsync(account.Id, cancellationToken).ConfigureAwait(false);
            await AuditAsync(conversationId, "protection.lifted", "protection.owner-after-cooling-off", cancellationToken).ConfigureAwait(false);
            reply = DisclosureLockMessages.Lifted;
        }
        else
        {
            await AuditAsync(conversationId, "protection.lift-refused", "protection.cooling-off", cancellationToken).ConfigureAwait(false);
            reply = DisclosureLockMessages.NotYet(current.Reason == DisclosureLockReason.CustomerRequest ? current.OwnerCanLiftAfter : null);
        }

        await turnContext.SendActivityAsync(MessageFactory.Text(reply), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task AuditAsync(string conversationId, string action, string rule, CancellationToken cancellationToken) =>
        _audit.AppendAsync(_records.ForEvent(conversationId, "protection", action, [rule]), cancellationToken);
}
