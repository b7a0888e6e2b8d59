using Microsoft.Bot.Builder;
using SupportShield.Detection.Entities;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>
/// Contact changes requested in the chat: recorded when asked for, applied only once the customer has verified with the
/// CURRENT contact on file, and reported to the old contact before the change takes effect.
/// </summary>
public sealed class ContactChangeService
{
    private readonly ContactChangeStore _store;
    private readonly IAccountDirectory _accounts;
    private readonly IReadOnlyList<IAccountActivityObserver> _observers;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly TimeProvider _time;

    public ContactChangeService(
        ContactChangeStore store,
        IAccountDirectory accounts,
        IEnumerable<IAccountActivityObserver> observers,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _observers = observers?.ToArray() ?? throw new ArgumentNullException(nameof(observers));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Records the change a customer's message asks for (the new email, phone or address it gives that is not on file).
    /// Returns false when the message names no new value.
    /// </summary>
    public async Task<bool> RecordRequestAsync(string conversationId, string text, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        foreach (var finding in findings)
        {
            ContactField? field = finding.Type switch
            {
                EntityType.Email => ContactField.Email,
                EntityType.Phone => ContactField.Phone,
                EntityType.Address => ContactField.PostalAddress,
                _ => null,
            };
            if (field is null || finding.IsOnFile)
            {
                continue;
            }

            await _store.SavePendingAsync(
                conversationId,
                new PendingContactChange { Pending = true, Field = field.Value, NewValue = text[finding.Start..finding.End], RequestedAt = _time.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(_records.ForEvent(conversationId, "contact-change", "contact-change.requested", [$"field:{field}"]), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Applies the conversation's pending change to <paramref name="accountId"/>, if any: the customer is verified.</summary>
    public async Task<bool> ApplyPendingAsync(ITurnContext turnContext, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var pending = await _store.GetPendingAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (!pending.Pending)
        {
            return false;
        }

        // Tell the owner at the contact on file BEFORE the change, so a hijacker cannot silence the notice.
        var now = _time.GetUtcNow();
        foreach (var observer in _observers)
        {
            await observer.OnActivityAsync(new AccountActivity(accountId, conversationId, AccountActivityKind.ContactChanged, now), cancellationToken).ConfigureAwait(false);
        }

        var overrides = await _store.GetOverridesAsync(accountId, cancellationToken).ConfigureAwait(false);
        switch (pending.Field)
        {
            case ContactField.Email:
                overrides.Email = pending.NewValue.Trim();
                break;
            case ContactField.Phone:
                overrides.Phone = pending.NewValue.Trim();
                break;
            default:
                overrides.PostalAddress = pending.NewValue.Trim();
                break;
        }

        overrides.ChangedAt = now;
        await _store.SaveOverridesAsync(accountId, overrides, cancellationToken).ConfigureAwait(false);
        await _store.SavePendingAsync(conversationId, new PendingContactChange(), cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(_records.ForEvent(conversationId, "contact-change", "contact-change.applied", [$"field:{pending.Field}"]), cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(MessageFactory.Text(ContactChangeMessages.Applied(pending.Field)), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
