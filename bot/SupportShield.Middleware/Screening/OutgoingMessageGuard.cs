using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Telemetry;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Middleware.Screening;

/// <summary>
/// Screens every outgoing activity of a turn (new sends and edits): lets it go, rewrites it, holds it until the customer
/// verifies, or blocks it. A held or blocked send never reaches the adapter.
/// </summary>
public sealed class OutgoingMessageGuard
{
    /// <summary>Transcript lines read before each outgoing message.</summary>
    private const int HistoryLines = 8;

    /// <summary>Most of the sender's own earlier lines screened with a new message.</summary>
    private const int SameSenderLines = 3;

    private static readonly JsonSerializerSettings ActivityJson = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly MessageScreener _screener;
    private readonly LinkedAccountResolver _accounts;
    private readonly IVerificationGateway _verification;
    private readonly IHeldMessageStore _held;
    private readonly IAgentTranscriptStore _transcript;
    private readonly IAuditLog _audit;
    private readonly AuditRecordFactory _records;
    private readonly TimeProvider _time;
    private readonly DisclosureLockStore _locks;
    private readonly IReadOnlyList<IAccountActivityObserver> _observers;
    private readonly SupportShieldMetrics? _metrics;
    private readonly IDecisionRecorder _decisions;

    public OutgoingMessageGuard(
        MessageScreener screener,
        LinkedAccountResolver accounts,
        IVerificationGateway verification,
        IHeldMessageStore held,
        IAgentTranscriptStore transcript,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time,
        DisclosureLockStore locks,
        IEnumerable<IAccountActivityObserver> observers,
        SupportShieldMetrics? metrics = null,
        IDecisionRecorder? decisions = null)
    {
        _metrics = metrics;
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _observers = observers?.ToArray() ?? throw new ArgumentNullException(nameof(observers));
        _screener = screener ?? throw new ArgumentNullException(nameof(screener));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _verification = verification ?? throw new ArgumentNullException(nameof(verification));
        _held = held ?? throw new ArgumentNullException(nameof(held));
        _transcript = transcript ?? throw new ArgumentNullException(nameof(transcript));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _decisions = decisions ?? new DecisionRecorder(_transcript, _audit, _held);
    }

    /// <summary>The <see cref="SendActivitiesHandler"/> of the middleware.</summary>
    public async Task<ResourceResponse[]> OnSendActivitiesAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(next);
        var started = _metrics?.StartTimestamp() ?? 0;
        var botTime = TimeSpan.Zero;
        var state = ScreeningTurnState.For(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var context = await PolicyContextAsync(conversationId, state.SenderRole, CancellationToken.None).ConfigureAwait(false);

        var responses = new ResourceResponse?[activities.Count];
        var toSend = new List<(int Index, ActivityScreening Screening)>();
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            // A supervisor-approved override screens that one released message as if the customer were verified; the account
            // holder's own disclosure lock still applies.
            var policy = state.OverrideOf(activity) is null ? context.Policy : context.Policy with { CustomerVerified = true };
            var screening = Screen(state, activity, context.Account, policy, context.History, context.Locked);
            switch (screening.Decision.Action)
            {
                case PolicyAction.Allow:
                case PolicyAction.Redact:
                    screening.ApplyRedactions();
                    toSend.Add((i, screening));
                    break;
                case PolicyAction.Hold:
                    responses[i] = new ResourceResponse(await HoldAsync(state, conversationId, screening, context.Account?.AccountId).ConfigureAwait(false));
                    break;
                default:
                    responses[i] = new ResourceResponse(await BlockAsync(state, conversationId, screening).ConfigureAwait(false));
                    break;
            }
        }

        if (toSend.Count > 0)
        {
            activities.Clear();
            activities.AddRange(toSend.Select(s => s.Screening.Activity));
            var sending = _metrics?.StartTimestamp() ?? 0;
            var sent = await next().ConfigureAwait(false);
            botTime = _metrics?.Time.GetElapsedTime(sending) ?? TimeSpan.Zero;
            for (var k = 0; k < toSend.Count; k++)
            {
                var (index, screening) = toSend[k];
                var id = (k < sent.Length ? sent[k]?.Id : null) ?? screening.Activity.Id ?? Guid.NewGuid().ToString("N");
                responses[index] = new ResourceResponse(id);
                await RecordDeliveryAsync(state, conversationId, screening, id).ConfigureAwait(false);
            }
        }

        _metrics?.RecordDuration(SupportShieldMetrics.Outgoing, started, botTime);
        return responses.Select(r => r ?? new ResourceResponse()).ToArray();
    }

    /// <summary>The <see cref="UpdateActivityHandler"/> of the middleware: an edit is screened like a new send.</summary>
    public async Task<ResourceResponse> OnUpdateActivityAsync(ITurnContext turnContext, Activity activity, Func<Task<ResourceResponse>> next)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(next);
        var state = ScreeningTurnState.For(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var context = await PolicyContextAsync(conversationId, state.SenderRole, CancellationToken.None).ConfigureAwait(false);
        var screening = Screen(state, activity, context.Account, context.Policy, context.History, context.Locked);
        switch (screening.Decision.Action)
        {
            case PolicyAction.Allow:
            case PolicyAction.Redact:
                screening.ApplyRedactions();
                var response = await next().ConfigureAwait(false);
                await RecordDeliveryAsync(state, conversationId, screening, response?.Id ?? activity.Id ?? Guid.NewGuid().ToString("N")).ConfigureAwait(false);
                return response ?? new ResourceResponse(activity.Id);
            case PolicyAction.Hold:
                // The message as first sent stays as it was; the edit waits and is delivered as a new message after verification.
                return new ResourceResponse(await HoldAsync(state, conversationId, screening, context.Account?.AccountId).ConfigureAwait(false));
            default:
                return new ResourceResponse(await BlockAsync(state, conversationId, screening).ConfigureAwait(false));
        }
    }

    private async Task<(Detection.Accounts.AccountValues? Account, PolicyContext Policy, ScreeningHistory History, bool Locked)> PolicyContextAsync(
        string conversationId, string senderRole, CancellationToken cancellationToken)
    {
        // Independent reads, each a database round trip: asked at once, the send waits for the slowest, not for their sum.
        var accountRead = _accounts.FindAsync(conversationId, cancellationToken);
        var statusRead = _verification.GetStatusAsync(conversationId, cancellationToken);
        var recentRead = _transcript.ListRecentAsync(conversationId, HistoryLines, cancellationToken);
        await Task.WhenAll(accountRead, statusRead, recentRead).ConfigureAwait(false);
        var account = await accountRead.ConfigureAwait(false);
        var status = await statusRead.ConfigureAwait(false);
        var recent = await recentRead.ConfigureAwait(false);
        var verified = status.IsVerifiedFor(account?.Id);
        var locked = account is not null && (await _locks.GetAsync(account.Id, cancellationToken).ConfigureAwait(false)).Locked;
        return (account?.ToAccountValues(), new PolicyContext(ScreeningDirection.Outgoing, verified, verified ? status.Level : null), History(recent, senderRole), locked);
    }

    /// <summary>Screens one activity in a <c>supportshield.screen.outgoing</c> span and counts it.</summary>
    private ActivityScreening Screen(ScreeningTurnState state, Activity activity, Detection.Accounts.AccountValues? account, PolicyContext policy, ScreeningHistory history, bool locked)
    {
        using var span = SupportShieldTelemetry.ActivitySource.StartActivity(SupportShieldTelemetry.ScreenOutgoingSpan);
        var screening = _screener.Screen(activity, account, policy, history, locked);
        _metrics?.Screened(SupportShieldMetrics.Outgoing, state.ReleaseOf(activity)?.SenderRole ?? state.SenderRole);
        span?.SetTag("supportshield.decision", screening.Decision.Action.ToString().ToLowerInvariant())
            .SetTag("supportshield.entity_types", string.Join(',', screening.Findings.Select(f => f.Finding.Type.ToCanonicalName()).Distinct().Order(StringComparer.Ordinal)));
        return screening;
    }

    /// <summary>The sender's last few delivered lines and the customer's last line (notes such as "[verification code entered]" left out).</summary>
    internal static ScreeningHistory History(IReadOnlyList<TranscriptEntry> recent, string senderRole)
    {
        var role = senderRole == SenderRoles.Agent ? TranscriptRole.Agent : TranscriptRole.Bot;
        var same = new List<string>();
        string? customer = null;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            var line = recent[i];
            if (line.Role == role && same.Count < SameSenderLines)
            {
                same.Insert(0, line.Text);
            }
            else if (line.Role == TranscriptRole.Customer && customer is null && !line.Text.StartsWith('['))
            {
                customer = line.Text;
            }
        }

        return new ScreeningHistory(same, customer);
    }

    private async Task<string> HoldAsync(ScreeningTurnState state, string conversationId, ActivityScreening screening, string? accountId)
    {
        var release = state.ReleaseOf(screening.Activity);
        string messageId;
        if (release is not null)
        {
            // A release that the policy still holds (verification lapsed meanwhile): it goes back to waiting. Its outcome is
            // noted before the audit, so that a failing audit does not make the releaser return it to waiting twice.
            messageId = release.MessageId;
            await _held.ReturnToHeldAsync(messageId).ConfigureAwait(false);
            await _held.UpdateReasonsAsync(messageId, screening.Decision.Reasons).ConfigureAwait(false);
            state.Record(new ScreeningOutcome(messageId, DeliveryStatus.Held, null, screening.Decision.Reasons));
            await _audit.AppendAsync(Record(conversationId, "held", screening, messageId, release.SenderRole, screening.MaskedPreview, null)).ConfigureAwait(false);
        }
        else
        {
            messageId = state.NextHeldMessageId ?? "held-" + Guid.NewGuid().ToString("N");
            state.NextHeldMessageId = null;

            // The held message and its audit record are written together: one commit where the store allows.
            var json = JsonConvert.SerializeObject(screening.Activity, ActivityJson);
            var message = new NewHeldMessage(messageId, conversationId, json, state.SenderRole, screening.Decision.Reasons, _time.GetUtcNow());
            await _decisions.HoldAsync(message, Record(conversationId, "held", screening, messageId, state.SenderRole, screening.MaskedPreview, null)).ConfigureAwait(false);
            _metrics?.Held(state.SenderRole);
            state.Record(new ScreeningOutcome(messageId, DeliveryStatus.Held, null, screening.Decision.Reasons));
        }

        if (release is null && accountId is not null && screening.Findings.Any(f => f.Finding.IsOnFile))
        {
            // Someone got as far as an answer with the account's data: its owner hears of it (notices are throttled).
            foreach (var observer in _observers)
            {
                await observer.OnActivityAsync(new AccountActivity(accountId, conversationId, AccountActivityKind.DataRequested, _time.GetUtcNow())).ConfigureAwait(false);
            }
        }

        return messageId;
    }

    private async Task<string> BlockAsync(ScreeningTurnState state, string conversationId, ActivityScreening screening)
    {
        var messageId = "blocked-" + Guid.NewGuid().ToString("N");
        state.Record(new ScreeningOutcome(messageId, DeliveryStatus.Blocked, null, screening.Decision.Reasons));
        _metrics?.Blocked(state.ReleaseOf(screening.Activity)?.SenderRole ?? state.SenderRole);
        await AuditAsync(conversationId, "blocked", screening, messageId, state.SenderRole, screening.MaskedPreview).ConfigureAwait(false);
        return messageId;
    }

    private async Task RecordDeliveryAsync(ScreeningTurnState state, string conversationId, ActivityScreening screening, string sentId)
    {
        var release = state.ReleaseOf(screening.Activity);
        var redacted = screening.Decision.Action == PolicyAction.Redact;
        var status = redacted ? DeliveryStatus.Redacted : DeliveryStatus.Delivered;
        var messageId = release?.MessageId ?? sentId;
        var role = release?.SenderRole ?? state.SenderRole;
        if (release is not null)
        {
            await _held.MarkReleasedAsync(release.MessageId, _time.GetUtcNow()).ConfigureAwait(false);
            _metrics?.Released(role);
        }

        if (redacted)
        {
            _metrics?.Redacted(role);
        }

        var text = screening.Activity.Text;
        state.Record(new ScreeningOutcome(messageId, status, text, screening.Decision.Reasons));
        var line = string.IsNullOrEmpty(text)
            ? null
            : new TranscriptEntry(conversationId, role == SenderRoles.Agent ? TranscriptRole.Agent : TranscriptRole.Bot, text, _time.GetUtcNow());

        // The transcript line and the audit record are written together: one commit where the store allows.
        var approval = state.OverrideOf(screening.Activity);
        var action = approval is not null ? OverrideApproval.ReleasedAction : release is not null ? "released" : redacted ? "redacted" : "delivered";
        await _decisions.RecordAsync(line, Record(conversationId, action, screening, messageId, role, screening.Findings.Count > 0 ? screening.MaskedPreview : null, approval)).ConfigureAwait(false);
    }

    private Task AuditAsync(string conversationId, string action, ActivityScreening screening, string messageId, string role, string? preview, OverrideApproval? approval = null) =>
        _audit.AppendAsync(Record(conversationId, action, screening, messageId, role, preview, approval));

    private AuditRecord Record(string conversationId, string action, ActivityScreening screening, string messageId, string role, string? preview, OverrideApproval? approval) =>
        _records.ForDecision(
            conversationId,
            "outgoing",
            action,
            screening.Findings.Select(f => f.Finding).ToList(),
            screening.Decision.Reasons,
            preview,
            messageId,
            approval is null ? [$"sender:{role}"] : [$"sender:{role}", $"override-request:{approval.RequestId}"]) with { Actor = approval?.SupervisorId };
}
