using System.Net.Mail;
using Microsoft.Bot.Builder;
using SupportShield.Dialogs.Email;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// The verification conversation: asks for the contact on the account when none is linked, sends a one-time code to the
/// email ON FILE (never to one typed in the chat), takes the code the customer types (which never reaches the bot, the
/// transcript or the audit log), and on success releases the messages held for the customer, in order.
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
    private readonly TimeProvider _time;

    public VerificationDialog(
        VerificationStateMachine machine,
        IAccountDirectory accounts,
        IConversationStore conversations,
        IEmailSender email,
        HeldMessageReleaser releaser,
        IAgentTranscriptStore transcript,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time)
    {
        _machine = machine ?? throw new ArgumentNullException(nameof(machine));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _email = email ?? throw new ArgumentNullException(nameof(email));
        _releaser = releaser ?? throw new ArgumentNullException(nameof(releaser));
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _machine.GetStatusAsync(conversationId, cancellationToken);

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

        return await SendCodeAsync(turnContext, conversation.AccountId, VerificationMessages.CodeSent(_machine.Options.CodeLifetime), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var text = turnContext.Activity.Text?.Trim() ?? string.Empty;

        if (await _machine.IsAwaitingContactAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            await HandleContactAsync(turnContext, conversationId, text, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!await _machine.IsAwaitingCodeAsync(conversationId, cancellationToken).ConfigureAwait(false)
            || VerificationCode.Find(text) is not { } code)
        {
            return false;
        }

        await _transcript.AppendAsync(new TranscriptEntry(conversationId, TranscriptRole.Customer, VerificationMessages.CodeEnteredTranscriptNote, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
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
                await SayAsync(turnContext, VerificationMessages.WrongCode(result.RemainingTries), cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.LockedNow:
                await AuditAsync(conversationId, "verification.locked", "verification.max-wrong-codes", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
                break;
            case CodeCheckOutcome.Locked:
                await AuditAsync(conversationId, "verification.refused", "verification.locked", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
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
        await SendCodeAsync(turnContext, account?.Id, VerificationMessages.ContactReceived(_machine.Options.CodeLifetime), cancellationToken).ConfigureAwait(false);
    }

    private async Task<VerificationStartResult> SendCodeAsync(ITurnContext turnContext, string? accountId, string prompt, CancellationToken cancellationToken)
    {
        var conversationId = turnContext.Activity.Conversation.Id;
        var account = accountId is null ? null : await _accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
        var issued = await _machine.IssueCodeAsync(conversationId, account?.Id, cancellationToken).ConfigureAwait(false);
        if (issued.IsLocked)
        {
            await AuditAsync(conversationId, "verification.refused", "verification.locked", cancellationToken).ConfigureAwait(false);
            await SayAsync(turnContext, VerificationMessages.Locked, cancellationToken).ConfigureAwait(false);
            return VerificationStartResult.Locked;
        }

        if (account is not null)
        {
            try
            {
                await _email.SendAsync(
                    new EmailMessage(
                        account.Email,
                        "Your verification code",
                        $"Your verification code is {issued.Code}. It expires in {(int)_machine.Options.CodeLifetime.TotalMinutes} minutes.\n\n"
                        + "A support chat asked to verify that it is you. If that was not you, do not share this code with anyone."),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (EmailDeliveryException)
            {
                await _machine.ResetAsync(conversationId, cancellationToken).ConfigureAwait(false);
                await AuditAsync(conversationId, "verification.send-failed", "email.unreachable", cancellationToken).ConfigureAwait(false);
                await SayAsync(turnContext, VerificationMessages.DeliveryFailed, cancellationToken).ConfigureAwait(false);
                return VerificationStartResult.DeliveryFailed;
            }
        }

        await AuditAsync(conversationId, "verification.code-sent", account is null ? "verification.contact-unmatched" : "verification.email-on-file", cancellationToken).ConfigureAwait(false);
        await SayAsync(turnContext, prompt, cancellationToken).ConfigureAwait(false);
        return VerificationStartResult.CodeSent;
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

    private Task AuditAsync(string conversationId, string action, string ruleId, CancellationToken cancellationToken) =>
        _audit.AppendAsync(_records.ForEvent(conversationId, "verification", action, [ruleId]), cancellationToken);
}
