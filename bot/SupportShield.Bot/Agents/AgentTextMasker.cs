using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Redaction;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.Agents;

/// <summary>
/// Masks free text that agents write (override justifications, false-positive notes) and previews held messages, with
/// the same <see cref="PreviewMasker"/> the audit log uses: values the engine finds (including the linked account's)
/// become their type name, every other digit becomes '#'. The raw text is never kept.
/// </summary>
public sealed class AgentTextMasker
{
    /// <summary>What a preview says when the message could not be screened (so nothing of it is shown).</summary>
    public const string Unavailable = "[preview unavailable: the message could not be screened]";

    private readonly IDetectionEngineSource _engines;
    private readonly MessageScreener _screener;
    private readonly LinkedAccountResolver _accounts;

    public AgentTextMasker(IDetectionEngineSource engines, MessageScreener screener, LinkedAccountResolver accounts)
    {
        _engines = engines ?? throw new ArgumentNullException(nameof(engines));
        _screener = screener ?? throw new ArgumentNullException(nameof(screener));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
    }

    /// <summary><paramref name="text"/> masked, cut to <paramref name="maxLength"/> characters.</summary>
    public Task<string> MaskAsync(string conversationId, string text, int maxLength, CancellationToken cancellationToken) =>
        MaskAsync(conversationId, text, MessageRole.Agent, maxLength, cancellationToken);

    /// <summary><paramref name="text"/>, written by <paramref name="role"/>, masked and cut to <paramref name="maxLength"/> characters.</summary>
    public async Task<string> MaskAsync(string conversationId, string text, MessageRole role, int maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var account = await _accounts.FindAsync(conversationId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Finding> findings;
        try
        {
            findings = _engines.Current.Analyze(new AnalysisRequest(text) { Role = role, Account = account?.ToAccountValues() }).AllFindings;
        }
#pragma warning disable CA1031 // Without findings the text cannot be shown safely: fail closed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Unavailable;
        }

        return PreviewMasker.Mask(text, findings, maxLength);
    }

    /// <summary>A masked preview of a held message's main text, screened as it was when held (customer not verified).</summary>
    public async Task<string> PreviewAsync(HeldMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var account = await _accounts.FindAsync(message.ConversationId, cancellationToken).ConfigureAwait(false);
        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(message.ActivityJson);
        }
        catch (JsonException)
        {
            return Unavailable;
        }

        if (activity is null)
        {
            return Unavailable;
        }

        var screening = _screener.Screen(activity, account?.ToAccountValues(), new PolicyContext(ScreeningDirection.Outgoing, CustomerVerified: false));
        return screening.Decision.Reasons.Any(r => r.Rule == MessageScreener.ErrorRuleId) ? Unavailable : screening.MaskedPreview;
    }
}
