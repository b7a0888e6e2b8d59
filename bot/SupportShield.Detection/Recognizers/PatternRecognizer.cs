using System.Text.RegularExpressions;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// A recognizer made of named scored patterns, context words that raise the score when found near a match,
/// a validation (for example a checksum) and an invalidation of known fake values.
/// </summary>
public abstract class PatternRecognizer : IRecognizer, IThresholdAwareRecognizer
{
    /// <summary>Score added when a context word is near the match.</summary>
    protected const double DefaultContextBoost = 0.35;

    protected PatternRecognizer(EntityType type, IReadOnlyList<RecognizerPattern> patterns, IReadOnlyList<string> contextWords)
    {
        Type = type;
        Patterns = patterns ?? throw new ArgumentNullException(nameof(patterns));
        ContextWords = contextWords ?? throw new ArgumentNullException(nameof(contextWords));
        _hasValueGroup = new bool[patterns.Count];
        for (var p = 0; p < patterns.Count; p++)
        {
            _hasValueGroup[p] = patterns[p].Regex.GroupNumberFromName("value") >= 0;
        }
    }

    // Patterns without a value group are enumerated without a Match object per hit.
    private readonly bool[] _hasValueGroup;

    /// <inheritdoc />
    public string Name => GetType().Name;

    /// <summary>The type of every finding.</summary>
    public EntityType Type { get; }

    /// <summary>The patterns, tried in order.</summary>
    public IReadOnlyList<RecognizerPattern> Patterns { get; }

    /// <summary>Words that raise the score when near a match.</summary>
    public IReadOnlyList<string> ContextWords { get; }

    /// <summary>Score added when a context word is near.</summary>
    protected virtual double ContextBoost => DefaultContextBoost;

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account) => Recognize(text, account, double.NegativeInfinity);

    /// <inheritdoc />
    IEnumerable<Finding> IThresholdAwareRecognizer.Recognize(string text, AccountValues? account, double minScore) => Recognize(text, account, minScore);

    private IReadOnlyList<Finding> Recognize(string text, AccountValues? account, double minScore)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MayMatch(text))
        {
            return Array.Empty<Finding>();
        }

        List<Finding>? findings = null;
        for (var p = 0; p < Patterns.Count; p++)
        {
            var pattern = Patterns[p];
            if (pattern.MayMatch is { } mayMatch && !mayMatch(text))
            {
                continue;
            }

            if (!_hasValueGroup[p])
            {
                foreach (var match in pattern.Regex.EnumerateMatches(text))
                {
                    if (match.Length == 0)
                    {
                        continue;
                    }

                    var found = Score(text, match.Index, match.Index + match.Length, text.Substring(match.Index, match.Length), pattern, minScore);
                    if (found is not null)
                    {
                        (findings ??= []).Add(found);
                    }
                }

                continue;
            }

            for (var match = pattern.Regex.Match(text); match.Success; match = match.NextMatch())
            {
                var group = match.Groups["value"];
                var span = group.Success ? (Group)group : match;
                if (span.Length == 0)
                {
                    continue;
                }

                var finding = Score(text, span.Index, span.Index + span.Length, span.Value, pattern, minScore);
                if (finding is not null)
                {
                    (findings ??= []).Add(finding);
                }
            }
        }

        return findings ?? (IReadOnlyList<Finding>)[];
    }

    /// <summary>A cheap test that is false only when no pattern can match <paramref name="text"/> (no digit, no '@'), so the patterns are skipped.</summary>
    protected virtual bool MayMatch(string text) => true;

    /// <summary>Checks a candidate, for example with a checksum; null when the type has no validation.</summary>
    protected virtual PatternValidation? Validate(string value, RecognizerPattern pattern) => null;

    /// <summary>True for values that look right but are known fakes or impossible, which are dropped.</summary>
    protected virtual bool Invalidate(string value, string text, int start, int finish) => false;

    private Finding? Score(string text, int start, int end, string value, RecognizerPattern pattern, double minScore)
    {
        if (Invalidate(value, text, start, end))
        {
            return null;
        }

        var score = pattern.Score;
        var ruleId = pattern.RuleId;
        var validation = Validate(value, pattern);
        if (validation is not null)
        {
            if (!validation.Passed)
            {
                return null;
            }

            score = Math.Max(score, validation.Score);
            ruleId = validation.RuleId ?? ruleId;
        }

        var words = ContextScanner.Find(text, start, end, ContextWords);
        var boost = words.Count > 0 ? Math.Min(ContextBoost, 1 - score) : 0;
        if (Math.Min(1, score + boost) < minScore)
        {
            return null;
        }

        var explanation = new FindingExplanation(Name, pattern.Name, pattern.Score, validation?.Label, boost, words.Count > 0 ? words : null);
        return new Finding(Type, start, end, value, Math.Min(1, score + boost), ruleId, explanation);
    }
}
