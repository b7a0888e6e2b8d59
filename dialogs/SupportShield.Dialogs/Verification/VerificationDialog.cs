using System.Net.Mail;
using Microsoft.Bot.Builder;
using SupportShield.Dialogs.Email;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Sms;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Telemetry;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// The verification conversation: asks for the contact on the account when none is linked, sends a one-time code to a
/// contact ON FILE (email, or text message to the phone on file; never to one typed in the chat), lets the customer
/// switch between the allowed factors, takes the code the customer types (which never reaches the bot, the transcript or
/// the audit log), accepts the host page's signed identity token instead of a code, and on success releases the
/// messages held for the customer, in order.
/// </summary>
public sealed class VerificationDialog : IVerificationGateway
{
    private readonly VerificationStateMachine _machine;
    private readonly IAccountDirectory _accounts;
    private readonly IConversationStore _conversations;
    private readonly IEmailSender _email;
    private readonly HeldMessageReleaser _releaser;
    private readonly IAgentTranscriptStore _transcript;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly IReadOnlyList<IAccountActivityObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ISmsSender? _sms;
    private readonly ChannelIdentityValidator? _identity;
    private readonly IdentityTokenReplayGuard? _replay;
    private readonly SupportShieldMetrics? _metrics;

    /// <summary>Creates the dialog. Without <paramref name="sms"/> the SMS factor is never offered; without <paramref name="identity"/> and <paramref name="replay"/> identity tokens are ignored.</summary>
    public VerificationDialog(
        VerificationStateMachine machine,
        IAccountDirectory accounts,
        IConversationStore conversations,
        IEmailSender email,
        HeldMessageReleaser releaser,
        IAgentTranscriptStore transcript,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time,
        ISmsSender? sms = null,
        ChannelIdentityValidator? identity = null,
        IdentityTokenReplayGuard? replay = null,
        IEnumerable<IAccountActivityObserver>? observers = null,
        SupportShieldMetrics? metrics = null)
    {
        _metrics = metrics;
        _observers = observers?.ToArray() ?? [];
        _machine = machine ?? throw new ArgumentNullException(nameof(machine));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _email = email ?? throw new ArgumentNullException(nameof(email));
        _releaser = releaser ?? throw new ArgumentNullException(nameof(releaser));
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _sms = sms;
        if ((identity is null) != (replay is null))
        {
            throw new ArgumentException("Identity tokens need both the validator and the replay guard.", nameof(replay));
        }

        _identity = identity;
        _replay = replay;
    }

    /// <inheritdoc />
    public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _machine.GetStatusAsync(conversationId, cancellationToken);

    /// <summary>The factors that can reach <paramref name="account"/>, in order of preference: its own list or the configured one, SMS only with a phone on file.</summary>
    public IReadOnlyList<VerificationFactor> AvailableFactors(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var wanted = account.VerificationFactors is { Count: > 0 } own ? own : _machine.Options.EffectiveFactors;
        return wanted.Distinct().Where(f => f switch
        {
            VerificationFactor.Email => !string.IsNullOrWhiteSpace(account.Email),
            VerificationFactor.Sms => _sms is not null && !string.IsNullOrWhiteSpace(account.Phone),
            _ => false,
        }).ToList();
    }

    /// <inheritdoc />
    public async Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var conversation = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var status = await _machine.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
        await AuditAsync(conversationId, "verification.requested", $"trigger:{trigger}", cancellationToken).ConfigureAwait(false);

        if (conversation?.AccountId is null)
        {
            if (status.State == VerificationState.Pending && !string.Equals(trigger, "agent", StringComparison.Ordinal))
            {
                await SayAsync(turnContext, await _machine.IsAwaitingContactAsync(conversationId, cancellationToken).ConfigureAwait(false)
                    ? VerificationMessages.AskForContact
                    : VerificationMessages.StillWaiting, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.AwaitingContact;
            }

            if (status.State == VerificationState.Locked)
            {
                await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.Locked;
            }

            await _machine.AwaitContactAsync(conversationId, cancellationToken).ConfigureAwait(false);
            await AuditAsync(conversationId, "verification.awaiting-contact", "verification.no-linked-account", cancellationToken).ConfigureAwait(false);
            await SayAsync(turnContext, VerificationMessages.AskForContact, cancellationToken).ConfigureAwait(false);
            return VerificationStartResult.AwaitingContact;
        }

        if (status.IsVerifiedFor(conversation.AccountId))
        {
            return VerificationStartResult.AlreadyVerified;
        }

        if (status.State == VerificationState.Pending && status.AccountId == conversation.AccountId
            && !string.Equals(trigger, "agent", StringComparison.Ordinal))
        {
            // A code is already on its way; asking again must not flood the customer's inbox.
            await SayAsync(turnContext, VerificationMessages.StillWaiting, cancellationToken).ConfigureAwait(false);
            return VerificationStartResult.CodeSent;
        }

        var account = await _accounts.FindByIdAsync(conversation.AccountId, cancellationToken).ConfigureAwait(false);
        return await SendCodeAsync(turnContext, account, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var text = turnContext.Activity.Text?.Trim() ?? string.Empty;

        if (_identity is not null)
        {
            await HandleIdentityTokenAsync(turnContext, conversationId, cancellationToken).ConfigureAwait(false);
        }

        if (await _machine.IsAwaitingContactAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            await HandleContactAsync(turnContext, conversationId, text, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!await _machine.IsAwaitingCodeAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (VerificationCode.Find(text) is not { } code)
        {
            return await HandleFactorRequestAsync(turnContext, conversationId, text, cancellationToken).ConfigureAwait(false);
        }

        if (!await _transcript.TryAppendAsync(new TranscriptEntry(conversationId, TranscriptRole.Customer, VerificationMessages.CodeEnteredTranscriptNote, _time.GetUtcNow()) { ActivityId = turnContext.Activity.Id }, cancellationToken).ConfigureAwait(false))
        {
            // A redelivery of a code message already checked: it is not checked (nor counted) twice.
            return true;
        }

        var result = await _machine.CheckCodeAsync(conversationId, code, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case CodeCheckOutcome.Verified:
                await AuditAsync(conversationId, "verification.succeeded", "verification.code", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Verified, cancellationToken).ConfigureAwait(false);
                await _releaser.ReleaseAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.Wrong:
                await AuditAsync(conversationId, "verification.failed", $"verification.remaining:{result.RemainingTries}", cancellationToken).ConfigureAwait(false);
                await NotifyOwnerAsync(result.AccountId, conversationId, AccountActivityKind.VerificationFailed, cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.WrongCode(result.RemainingTries), cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.LockedNow:
                await AuditAsync(conversationId, "verification.locked", "verification.max-wrong-codes", cancellationToken).ConfigureAwait(false);
                await NotifyOwnerAsync(result.AccountId, conversationId, AccountActivityKind.VerificationLocked, cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.OpsLockedNow:
                await AuditAsync(conversationId, "verification.ops-locked", "verification.max-consecutive-failures", cancellationToken).ConfigureAwait(false);
                await NotifyOwnerAsync(result.AccountId, conversationId, AccountActivityKind.VerificationLocked, cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.OpsLocked, cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.Locked:
                await AuditAsync(conversationId, "verification.refused", result.LockedUntil is null && result.AccountId is not null ? "verification.ops-locked" : "verification.locked", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, result.LockedUntil is null && result.AccountId is not null ? VerificationMessages.OpsLocked : VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.Expired:
                await AuditAsync(conversationId, "verification.expired", "verification.code-lifetime", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Expired, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>Tells the account's owner (through the observers, such as the owner notifier) about a failed or locked verification.</summary>
    private async Task NotifyOwnerAsync(string? accountId, string conversationId, AccountActivityKind kind, CancellationToken cancellationToken)
    {
        if (accountId is null)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            await observer.OnActivityAsync(new AccountActivity(accountId, conversationId, kind, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleIdentityTokenAsync(ITurnContext turnContext, string conversationId, CancellationToken cancellationToken)
    {
        var check = await _identity!.CheckAsync(turnContext.Activity).ConfigureAwait(false);
        if (check.Outcome == IdentityTokenOutcome.None)
        {
            return;
        }

        // A bad token is never the customer's problem to hear about: it is ignored, and the audit log says why.
        if (check.Outcome != IdentityTokenOutcome.Valid)
        {
            await AuditAsync(conversationId, "verification.identity-ignored", check.RuleId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var use = await _replay!.UseAsync(check.TokenId!, conversationId, check.ExpiresAt!.Value, cancellationToken).ConfigureAwait(false);
        if (use == IdentityTokenUse.Replayed)
        {
            await AuditAsync(conversationId, "verification.identity-ignored", "identity.replayed", cancellationToken).ConfigureAwait(false);
            return;
        }

        var accountId = check.AccountId!;
        var status = await _machine.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (status.IsVerifiedFor(accountId))
        {
            return;
        }

        var conversation = await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (conversation?.AccountId is { } linked && !string.Equals(linked, accountId, StringComparison.Ordinal))
        {
            await AuditAsync(conversationId, "verification.identity-ignored", "identity.other-account", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await _accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            await AuditAsync(conversationId, "verification.identity-ignored", "identity.unknown-account", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (conversation?.AccountId is null && !await _conversations.LinkAccountAsync(conversationId, accountId, cancellationToken).ConfigureAwait(false))
        {
            await AuditAsync(conversationId, "verification.identity-ignored", "identity.unknown-conversation", cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await _machine.VerifyByIdentityAsync(conversationId, accountId, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != CodeCheckOutcome.Verified)
        {
            await AuditAsync(conversationId, "verification.identity-ignored", result.LockedUntil is null ? "identity.ops-locked" : "identity.locked", cancellationToken).ConfigureAwait(false);
            return;
        }

        await AuditAsync(conversationId, "verification.succeeded", "verification.identity-token", cancellationToken).ConfigureAwait(false);
        if (status.State == VerificationState.Pending)
        {
            await SayAsync(turnContext, VerificationMessages.Verified, cancellationToken).ConfigureAwait(false);
        }

        await _releaser.ReleaseAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> HandleFactorRequestAsync(ITurnContext turnContext, string conversationId, string text, CancellationToken cancellationToken)
    {
        var request = FactorRequest.Parse(text);
        if (request.Kind == FactorRequestKind.None)
        {
            return false;
        }

        if (request.Kind == FactorRequestKind.Redirect)
        {
            // The typed contact goes nowhere: not to a sender, not to the transcript, not to the audit log.
            await _transcript.AppendAsync(new TranscriptEntry(conversationId, TranscriptRole.Customer, VerificationMessages.RedirectRefusedTranscriptNote, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await AuditAsync(conversationId, "verification.redirect-refused", "verification.contact-not-on-file", cancellationToken).ConfigureAwait(false);
            await SayAsync(turnContext, VerificationMessages.OnlyToContactOnFile, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var factor = request.Factor!.Value;
        await _transcript.AppendAsync(new TranscriptEntry(conversationId, TranscriptRole.Customer, VerificationMessages.FactorSwitchTranscriptNote(factor), _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        var (accountId, current) = await _machine.GetPendingCodeAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var account = accountId is null ? null : await _accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is not null && (!AvailableFactors(account).Contains(factor) || factor == current))
        {
            await AuditAsync(conversationId, "verification.factor-unavailable", $"verification.factor:{factor}", cancellationToken).ConfigureAwait(false);
            await SayAsync(turnContext, factor == current ? VerificationMessages.StillWaiting : VerificationMessages.FactorUnavailable(factor), cancellationToken).ConfigureAwait(false);
            return true;
        }

        await SendCodeAsync(turnContext, account, factor, VerificationMessages.CodeResent(_machine.Options.CodeLifetime, factor), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task HandleContactAsync(ITurnContext turnContext, string conversationId, string text, CancellationToken cancellationToken)
    {
        await _transcript.AppendAsync(new TranscriptEntry(conversationId, TranscriptRole.Customer, VerificationMessages.ContactEnteredTranscriptNote, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (!LooksLikeContact(text))
        {
            await SayAsync(turnContext, VerificationMessages.NotAContact, cancellationToken).ConfigureAwait(false);
            return;
        }

        var account = await _accounts.FindByContactAsync(text, cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            await _conversations.LinkAccountAsync(conversationId, account.Id, cancellationToken).ConfigureAwait(false);
        }

        // The same answer whether or not the contact matched, so the chat cannot be used to find out who has an account.
        await SendCodeAsync(turnContext, account, null, VerificationMessages.ContactReceived(_machine.Options.CodeLifetime), cancellationToken, unmatchedContact: account is null ? text : null).ConfigureAwait(false);
    }

    /// <summary>
    /// Issues a code and sends it to <paramref name="account"/>'s contact on file by <paramref name="factor"/> (default: the
    /// first available). With no account, issues a code that can never match and sends nothing.
    /// </summary>
    private async Task<VerificationStartResult> SendCodeAsync(
        ITurnContext turnContext,
        Account? account,
        VerificationFactor? factor,
        string? prompt,
        CancellationToken cancellationToken,
        string? unmatchedContact = null)
    {
        var conversationId = turnContext.Activity.Conversation.Id;
        var available = account is null ? [] : AvailableFactors(account);
        if (account is not null && available.Count == 0)
        {
            await AuditAsync(conversationId, "verification.refused", "verification.no-factor", cancellationToken).ConfigureAwait(false);
            await SayAsync(turnContext, VerificationMessages.NoFactor, cancellationToken).ConfigureAwait(false);
            return VerificationStartResult.DeliveryFailed;
        }

        var chosen = factor ?? (account is null ? VerificationFactor.Email : available[0]);
        var issued = await _machine.IssueCodeAsync(conversationId, account?.Id, chosen, unmatchedContact, cancellationToken).ConfigureAwait(false);
        switch (issued.Outcome)
        {
            case IssueOutcome.Locked:
                await AuditAsync(conversationId, "verification.refused", "verification.locked", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.Locked;
            case IssueOutcome.OpsLocked:
                await AuditAsync(conversationId, "verification.refused", "verification.ops-locked", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.OpsLocked, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.Locked;
            case IssueOutcome.RateLimited:
                await AuditAsync(conversationId, "verification.refused", "verification.rate-limited", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.RateLimited((issued.LockedUntil ?? _time.GetUtcNow()) - _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.RateLimited;
        }

        if (account is not null)
        {
            try
            {
                await DeliverAsync(account, chosen, issued.Code!, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is EmailDeliveryException or SmsDeliveryException)
            {
                await _machine.ResetAsync(conversationId, cancellationToken).ConfigureAwait(false);
                await AuditAsync(conversationId, "verification.send-failed", chosen == VerificationFactor.Sms ? "sms.unreachable" : "email.unreachable", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.DeliveryFailed, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.DeliveryFailed;
            }
        }

        var rule = account is null ? "verification.contact-unmatched" : chosen == VerificationFactor.Sms ? "verification.sms-on-file" : "verification.email-on-file";
        await AuditAsync(conversationId, "verification.code-sent", rule, cancellationToken).ConfigureAwait(false);
        var alternative = available.Where(f => f != chosen).Cast<VerificationFactor?>().FirstOrDefault();
        await SayAsync(turnContext, prompt ?? VerificationMessages.CodeSent(_machine.Options.CodeLifetime, chosen, alternative), cancellationToken).ConfigureAwait(false);
        return VerificationStartResult.CodeSent;
    }

    private async Task DeliverAsync(Account account, VerificationFactor factor, string code, CancellationToken cancellationToken)
    {
        var minutes = (int)_machine.Options.CodeLifetime.TotalMinutes;
        if (factor == VerificationFactor.Sms)
        {
            // Only ever the phone ON FILE.
            await _sms!.SendAsync(
                new SmsMessage(account.Phone!, $"Your verification code is {code}. It expires in {minutes} minutes. Never share it with anyone."),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await _email.SendAsync(
            new EmailMessage(
                account.Email,
                "Your verification code",
                $"Your verification code is {code}. It expires in {minutes} minutes.\n\n"
                + "A support chat asked to verify that it is you. If that was not you, do not share this code with anyone."),
            cancellationToken).ConfigureAwait(false);
    }

    private static bool LooksLikeContact(string text)
    {
        if (text.Length is 0 or > 254)
        {
            return false;
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return MailAddress.TryCreate(text, out _);
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.');
    }

    private static async Task SayAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken).ConfigureAwait(false);

    private Task AuditAsync(string conversationId, string action, string ruleId, CancellationToken cancellationToken)
    {
        // Every verification outcome is audited here, so it is counted here too (the outcome only, never who or what).
        if (_metrics is not null && VerificationOutcomes.ForAuditAction(action) is { } outcome)
        {
            _metrics.Verification(outcome);
        }

        return _audit.AppendAsync(_records.ForEvent(conversationId, "verification", action, [ruleId]), cancellationToken);
    }
}
