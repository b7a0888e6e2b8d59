namespace SupportShield.Detection.Recognizers;

/// <summary>The outcome of a recognizer's checksum or format validation of one candidate.</summary>
/// <param name="Passed">False drops the candidate; true lifts its score to <see cref="Score"/>.</param>
/// <param name="Label">Shown in explanations, for example <c>luhn:pass</c>.</param>
/// <param name="Score">Score after a passing validation.</param>
/// <param name="RuleId">Replaces the pattern's rule id when set, for example <c>credit-card.luhn</c>.</param>
public sealed record PatternValidation(bool Passed, string Label, double Score = 1.0, string? RuleId = null)
{
    /// <summary>A failed validation: the candidate is dropped.</summary>
    public static PatternValidation Fail(string label) => new(false, label, 0);
}
