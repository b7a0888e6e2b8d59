using Microsoft.Bot.Builder;
using System.Collections.Concurrent;
using System.Globalization;
using SupportShield.Dialogs.Email;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;

namespace SupportShield.Dialogs.Notices;

/// <summary>
/// Tells an account's owner, at the email on file, when someone in a chat asks for the account's data or to change its
/// contact details, when verification fails or locks, and when contact details change. A notice says what happened and
/// when, carries no personal data, and has a "this wasn't me" link that locks chat disclosures for the account.
/// At most one notice of a kind per account per <see cref="OwnerNoticeOptions.MinimumInterval"/>, between all hosts when given
/// the bot's shared <see cref="IStorage"/>; delivery is best effort.
/// </summary>
public sealed class OwnerNotifier : IAccountActivityObserver
{
    /// <summary>Path of the "this wasn't me" page on the bot host.</summary>
    public const string ReportPath = "/protect/not-me";

    private readonly IAccountDirectory _accounts;
    private readonly IEmailSender _email;
    private readonly NotMeToken _tokens;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly OwnerNoticeOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string, AccountActivityKind), DateTimeOffset> _lastSent = new();
    private readonly IStorage? _shared;

    public OwnerNotifier(
        IAccountDirectory accounts,
        IEmailSender email,
        NotMeToken tokens,
        IAuditLog audit,
        AuditRecordFactory records,
        OwnerNoticeOptions options,
        TimeProvider time,
        IStorage? sharedState = null)
    {
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _email = email ?? throw new ArgumentNullException(nameof(email));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _shared = sharedState;
    }

    /// <inheritdoc />
    public async Task OnActivityAsync(AccountActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var now = _time.GetUtcNow();
        var key = (activity.AccountId, activity.Kind);
        if (_lastSent.TryGetValue(key, out var last) && now - last < _options.MinimumInterval)
        {
            return;
        }

        var account = await _accounts.FindByIdAsync(activity.AccountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return;
        }

        if (_shared is not null && !await TryClaimSharedAsync(activity, now, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        _lastSent[key] = now;
        var link = new Uri(_options.PublicBaseUrl, ReportPath + "?token=" + Uri.EscapeDataString(_tokens.Create(account.Id, now + _options.ReportLinkLifetime)));
        var message = new EmailMessage(account.Email, Subject(activity.Kind), Body(activity, link));
        var rule = $"notice:{activity.Kind}";
        try
        {
            await _email.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(_records.ForEvent(activity.ConversationId, "notice", "notice.sent", [rule]), cancellationToken).ConfigureAwait(false);
        }
        catch (EmailDeliveryException)
        {
            _lastSent.TryRemove(key, out _);
            if (_shared is not null)
            {
                await _shared.WriteAsync(new Dictionary<string, object> { [SharedKey(activity)] = new OwnerNoticeRecord { ETag = "*" } }, cancellationToken).ConfigureAwait(false);
            }

            await _audit.AppendAsync(_records.ForEvent(activity.ConversationId, "notice", "notice.failed", [rule]), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SharedKey(AccountActivity activity) =>
        "supportshield/notices/" + activity.AccountId + "/" + activity.Kind.ToString();

    /// <summary>
    /// Takes the account's notice slot of this kind in the shared storage, so that hosts sharing it send one notice per
    /// interval between them: written with the ETag read, of two hosts claiming at once only the first succeeds.
    /// </summary>
    private async Task<bool> TryClaimSharedAsync(AccountActivity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = SharedKey(activity);
        var items = await _shared!.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        var record = items.TryGetValue(key, out var value) && value is OwnerNoticeRecord stored ? stored : new OwnerNoticeRecord();
        if (record.LastSent is { } last && now - last < _options.MinimumInterval)
        {
            return false;
        }

        var expected = record.ETag;
        record.LastSent = now;
        try
        {
            await _shared.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            // An ETag conflict: another host claimed the slot first and sends the notice. Anything else is a real failure.
            var reread = await _shared.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var current = reread.TryGetValue(key, out var again) && again is OwnerNoticeRecord claimed ? claimed.ETag : null;
            if (!string.Equals(current, expected, StringComparison.Ordinal))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>The subject of a notice of <paramref name="kind"/>.</summary>
    public static string Subject(AccountActivityKind kind) => kind switch
    {
        AccountActivityKind.ContactChanged => "The contact details on your account were changed",
        AccountActivityKind.VerificationLocked => "We locked verification on your account after wrong codes",
        _ => "Activity on your account in our support chat",
    };

    private static string Body(AccountActivity activity, Uri link)
    {
        var what = activity.Kind switch
        {
            AccountActivityKind.DataRequested => "someone in our support chat asked for the personal details we hold for your account",
            AccountActivityKind.ContactChangeRequested => "someone in our support chat asked to change the contact details or sign-in details of your account",
            AccountActivityKind.VerificationFailed => "someone in our support chat entered a wrong verification code for your account",
            AccountActivityKind.VerificationLocked => "someone in our support chat entered too many wrong verification codes for your account, so we locked verification",
            AccountActivityKind.ContactChanged => "the contact details of your account were changed through our support chat",
            _ => "there was activity on your account in our support chat",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"""
            Hello,

            On {activity.Time:d MMMM yyyy} at {activity.Time:HH:mm} UTC, {what}.

            If this was you, there is nothing to do.

            If it wasn't you, open this link to stop our support chat from sharing any of your details until our security team has checked your account:
            {link}

            We never ask for your password or a verification code by email.
            """);
    }
}
