namespace SupportShield.Detection.Entities;

/// <summary>How a finding came about: which recognizer and pattern matched, what validation and context did to its score.</summary>
/// <param name="Recognizer">Name of the recognizer, for example <c>CreditCardRecognizer</c>.</param>
/// <param name="Pattern">Name of the pattern or method that matched.</param>
/// <param name="BaseScore">Score of the pattern before validation and context.</param>
/// <param name="Validation">Outcome of validation, for example <c>luhn:pass</c>, or null when the type has none.</param>
/// <param name="ContextBoost">Score added (or removed) by context words near the match.</param>
/// <param name="ContextWords">The context words that were found near the match.</param>
public sealed record FindingExplanation(
    string Recognizer,
    string Pattern,
    double BaseScore,
    string? Validation = null,
    double ContextBoost = 0,
    IReadOnlyList<string>? ContextWords = null);
