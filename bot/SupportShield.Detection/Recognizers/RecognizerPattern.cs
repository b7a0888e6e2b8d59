using System.Text.RegularExpressions;

namespace SupportShield.Detection.Recognizers;

/// <summary>A named, scored regular expression of a <see cref="PatternRecognizer"/>. A group named <c>value</c>, when present, is the span.</summary>
/// <param name="Name">Name shown in explanations, for example <c>us-dashed</c>.</param>
/// <param name="Regex">The expression; build it with a match timeout.</param>
/// <param name="Score">Score before validation and context.</param>
/// <param name="RuleId">Stable rule id given to findings of this pattern.</param>
public sealed record RecognizerPattern(string Name, Regex Regex, double Score, string RuleId)
{
    /// <summary>
    /// An optional cheap test that is false only when <see cref="Regex"/> cannot match the text (for example: no run of nine
    /// digits for <c>\d{9}</c>), so the expression is not run. It must never be false for a text the expression matches.
    /// </summary>
    public Func<string, bool>? MayMatch { get; init; }
}
