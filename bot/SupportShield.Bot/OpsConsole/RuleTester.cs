using SupportShield.Bot.OpsConsole.Contracts;
using SupportShield.Bot.Rules;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Redaction;

namespace SupportShield.Bot.OpsConsole;

/// <summary>
/// The ops console's test box: everything the engine concludes about one message (as the <c>supportshield explain</c>
/// command shows it) against the rules in force or a candidate rules text. Matched values are masked in the answer.
/// </summary>
public sealed class RuleTester
{
    /// <summary>Longest message tested.</summary>
    public const int MaxTextLength = 10_000;

    private readonly RulesProvider _rules;
    private readonly ICustomerIntentClassifier _intents;

    public RuleTester(RulesProvider rules, ICustomerIntentClassifier intents)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _intents = intents ?? throw new ArgumentNullException(nameof(intents));
    }

    /// <summary>The engine of a valid candidate text, or the rules' errors.</summary>
    public (DetectionEngine? Engine, IReadOnlyList<Detection.Rules.RulesError> Errors) Compile(string candidate)
    {
        var result = RulesEditor.Validate(candidate);
        return result.Succeeded ? (result.Rules.CreateEngine(_intents), []) : (null, result.Errors);
    }

    /// <summary>Explains <paramref name="text"/> as written by <paramref name="role"/>; <paramref name="candidate"/> replaces the engine in force when given.</summary>
    public ExplainView Explain(string text, MessageRole role, bool verified, DetectionEngine? candidate, string? candidateText)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = candidate ?? _rules.Engine;
        var sha = candidate is null ? _rules.Status.Sha256 : RulesText.Sha256(candidateText ?? string.Empty);
        var result = engine.Analyze(new AnalysisRequest(text) { Role = role, CustomerVerified = verified });
        var asOutgoing = role == MessageRole.Customer
            ? engine.Analyze(new AnalysisRequest(text) { Role = MessageRole.Agent, CustomerVerified = verified }).Decision
            : null;
        var findings = result.AllFindings;
        return new ExplainView(
            candidate is null ? "in force" : "candidate",
            sha,
            role.ToString().ToLowerInvariant(),
            verified,
            result.Normalized.Text,
            !result.Normalized.IsIdentity,
            PreviewMasker.Mask(text, findings, MaxTextLength),
            findings.Select(View).ToList(),
            result.Intent is null ? null : new IntentView(CustomerIntentNames.Of(result.Intent.Intent), result.Intent.Fields, result.Intent.RuleId, result.Intent.Explanation),
            DecisionViews.Of(result.Decision),
            asOutgoing is null ? null : DecisionViews.Of(asOutgoing));
    }

    private static FindingView View(Finding f) =>
        new(
            f.Type.ToCanonicalName(),
            f.Start,
            f.End,
            SpanMasker.Mask(f.Value),
            Math.Round(f.Score, 3),
            f.RuleId,
            f.Explanation.Recognizer,
            f.Explanation.Pattern,
            Math.Round(f.Explanation.BaseScore, 3),
            f.Explanation.Validation,
            Math.Round(f.Explanation.ContextBoost, 3),
            f.Explanation.ContextWords ?? [],
            f.OnFileField);
}
