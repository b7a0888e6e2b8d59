using SupportShield.Bot.Agents;
using SupportShield.Bot.Storage;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Bot.FalsePositives;

/// <summary>Agents report held messages that should not have been held; ops read the reports to tune the rules.</summary>
public sealed class FalsePositiveService
{
    /// <summary>Longest note accepted.</summary>
    public const int MaxNoteLength = 1000;

    private readonly IConversationStore _conversations;
    private readonly IHeldMessageStore _held;
    private readonly IFalsePositiveStore _reports;
    private readonly IAuditLog _audit;
    private readonly AgentTextMasker _masker;
    private readonly TimeProvider _time;

    public FalsePositiveService(
        IConversationStore conversations,
        IHeldMessageStore held,
        IFalsePositiveStore reports,
        IAuditLog audit,
        AgentTextMasker masker,
        TimeProvider time)
    {
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _held = held ?? throw new ArgumentNullException(nameof(held));
        _reports = reports ?? throw new ArgumentNullException(nameof(reports));
        _audit = audit ?? throw new ArgumentNullException(nameof(audit));
        _masker = masker ?? throw new ArgumentNullException(nameof(masker));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Stores a report on a message the conversation held (in any state). Null when the conversation or message is unknown.</summary>
    public async Task<FalsePositiveReport?> ReportAsync(string conversationId, string messageId, string agentId, string? note, CancellationToken cancellationToken)
    {
        if (await _conversations.GetAsync(conversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var message = (await _held.ListAllAsync(conversationId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.MessageId == messageId);
        if (message is null)
        {
            return null;
        }

        var rules = message.Reasons.Select(r => new FiredRule(r.Type, r.Rule, r.PolicyRule)).Distinct().ToList();
        var report = new FalsePositiveReport(
            "fp-" + Guid.NewGuid().ToString("N"),
            conversationId,
            messageId,
            agentId,
            string.IsNullOrWhiteSpace(note) ? null : await _masker.MaskAsync(conversationId, note, MaxNoteLength, cancellationToken).ConfigureAwait(false),
            rules,
            rules.Select(r => r.Type).Distinct(StringComparer.Ordinal).ToList(),
            await _masker.PreviewAsync(message, cancellationToken).ConfigureAwait(false),
            _time.GetUtcNow());
        await _reports.AddAsync(report, cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(
            new AuditRecord(
                report.ReportedAt,
                conversationId,
                "outgoing",
                "false-positive.reported",
                report.EntityTypes,
                [.. rules.Select(r => r.Rule).Concat(rules.Select(r => r.PolicyRule)).Distinct(StringComparer.Ordinal), $"false-positive:{report.ReportId}"],
                report.MaskedPreview,
                [],
                messageId,
                agentId),
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>The newest reports, newest first.</summary>
    public Task<IReadOnlyList<FalsePositiveReport>> ListAsync(int limit, CancellationToken cancellationToken) => _reports.ListAsync(limit, cancellationToken);
}
