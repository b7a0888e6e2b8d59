using Microsoft.Bot.Builder;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.ContactChanges;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.Telemetry;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Middleware.Screening;

/// <summary>
/// Screens a customer's message: lets the verification dialog take codes first, keeps the message in the agent's
/// transcript, and starts verification when an unverified customer asks for data on file or for a contact change.
/// </summary>
public sealed class IncomingMessageGuard
{
    private readonly IDetectionEngineSource _engines;
    private readonly IConversationStore _conversations;
    private readonly LinkedAccountResolver _accounts;
    private readonly IVerificationGateway _verification;
    private readonly IAgentTranscriptStore _transcript;
    private readonly AuditRecordFactory _records;
    private readonly TimeProvider _time;
    private readonly DisclosureLockConversation _locks;
    private readonly IReadOnlyList<IAccountActivityObserver> _observers;
    private readonly ContactChangeService _contactChanges;
    private readonly SupportShieldMetrics? _metrics;
    private readonly IDecisionRecorder _decisions;

    public IncomingMessageGuard(
        IDetectionEngineSource engines,
        IConversationStore conversations,
        LinkedAccountResolver accounts,
        IVerificationGateway verification,
        IAgentTranscriptStore transcript,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time,
        DisclosureLockConversation locks,
        IEnumerable<IAccountActivityObserver> observers,
        ContactChangeService contactChanges,
        SupportShieldMetrics? metrics = null,
        IDecisionRecorder? decisions = null)
    {
        _metrics = metrics;
        _contactChanges = contactChanges ?? throw new ArgumentNullException(nameof(contactChanges));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _observers = observers?.ToArray() ?? throw new ArgumentNullException(nameof(observers));
        _engines = engines ?? throw new ArgumentNullException(nameof(engines));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _verification = verification ?? throw new ArgumentNullException(nameof(verification));
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _decisions = decisions ?? new DecisionRecorder(_transcript, audit ?? throw new ArgumentNullException(nameof(audit)));
    }

    /// <summary>
    /// Handles the customer's message of the turn. Returns false when the message was consumed by verification and must
    /// go no further.
    /// </summary>
    public async Task<bool> OnCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation.Id;
        // The verification state is read while the redelivery check runs: two round trips at once, and within the turn's
        // read scope the verification step below finds the state already read.
        var statusRead = _verification.GetStatusAsync(conversationId, cancellationToken);
        var redelivered = !string.IsNullOrEmpty(activity.Id)
            ? _transcript.ContainsActivityAsync(conversationId, activity.Id, cancellationToken)
            : Task.FromResult(false);
        await Task.WhenAll(statusRead, redelivered).ConfigureAwait(false);
        if (await redelivered.ConfigureAwait(false))
        {
            // A channel's redelivery (same conversation and activity id) of a message already processed: nothing happens twice.
            return false;
        }

        await _conversations.SaveReferenceAsync(activity.GetConversationReference(), cancellationToken).ConfigureAwait(false);

        if (await _verification.TryHandleCustomerMessageAsync(turnContext, cancellationToken).ConfigureAwait(false))
        {
            // A code the customer just typed may have verified them: a contact change they asked for takes effect now.
            var verified = await _verification.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
            if (verified.State == VerificationState.Verified && verified.AccountId is { } verifiedAccount)
            {
                await _contactChanges.ApplyPendingAsync(turnContext, verifiedAccount, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        var text = activity.Text ?? string.Empty;
        var account = await _accounts.FindAsync(conversationId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Finding> findings;
        IntentResult intent;
        using var span = SupportShieldTelemetry.ActivitySource.StartActivity(SupportShieldTelemetry.ScreenIncomingSpan);
        try
        {
            var result = _engines.Current.Analyze(new AnalysisRequest(text) { Role = MessageRole.Customer, Account = account?.ToAccountValues() });
            findings = result.Findings;
            intent = result.Intent ?? IntentResult.None;
        }
#pragma warning disable CA1031 // The customer's own message still reaches the agent; every outgoing send stays screened.
        catch (Exception)
#pragma warning restore CA1031
        {
            findings = [];
            intent = new IntentResult(CustomerIntent.None, [], "intent.error", "the message could not be classified");
        }

        ScreeningTurnState.For(turnContext).CustomerIntent = intent;
        _metrics?.Screened(SupportShieldMetrics.Incoming, "customer");
        span?.SetTag("supportshield.decision", "received").SetTag("supportshield.intent", intent.Intent.ToString())
            .SetTag("supportshield.entity_types", string.Join(',', findings.Select(f => f.Type.ToCanonicalName()).Distinct().Order(StringComparer.Ordinal)));

        // The transcript line and the audit record are written together (one commit where the store allows). A redelivery
        // that raced another instance past the check above (rare) is then audited as received by both, which it was; its
        // line is still written once.
        var line = text.Length > 0
            ? new TranscriptEntry(conversationId, TranscriptRole.Customer, text, _time.GetUtcNow()) { ActivityId = activity.Id }
            : null;
        var record = _records.ForDecision(
            conversationId,
            "incoming",
            "received",
            findings.ToList(),
            [],
            findings.Count > 0 || intent.Intent != CustomerIntent.None ? AuditRecordFactory.Preview(text, findings) : null,
            activity.Id,
            [intent.RuleId]);
        if (!await _decisions.RecordAsync(line, record, cancellationToken).ConfigureAwait(false))
        {
            // The same activity, processed meanwhile by another instance or request: its line is there once; go no further.
            return false;
        }

        if (await _locks.TryHandleAsync(turnContext, account, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        if (intent.Intent is CustomerIntent.RequestPii or CustomerIntent.ChangeContact)
        {
            var status = await _verification.GetStatusAsync(conversationId, cancellationToken).ConfigureAwait(false);
            var changeRecorded = intent.Intent == CustomerIntent.ChangeContact
                && await _contactChanges.RecordRequestAsync(conversationId, text, findings, cancellationToken).ConfigureAwait(false);
            if (!status.IsVerifiedFor(account?.Id))
            {
                await _verification.StartAsync(turnContext, $"intent:{intent.Intent}", cancellationToken).ConfigureAwait(false);
            }
            else if (changeRecorded && account is not null)
            {
                await _contactChanges.ApplyPendingAsync(turnContext, account.Id, cancellationToken).ConfigureAwait(false);
            }

            if (account is not null)
            {
                var kind = intent.Intent == CustomerIntent.RequestPii ? AccountActivityKind.DataRequested : AccountActivityKind.ContactChangeRequested;
                foreach (var observer in _observers)
                {
                    await observer.OnActivityAsync(new AccountActivity(account.Id, conversationId, kind, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return true;
    }
}
