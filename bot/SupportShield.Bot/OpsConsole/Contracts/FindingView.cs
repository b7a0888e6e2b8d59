namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>One finding of the test box, with its value masked.</summary>
/// <param name="Type">Canonical entity type.</param>
/// <param name="Start">Offset of the span in the message.</param>
/// <param name="End">Offset after the span.</param>
/// <param name="Preview">The span masked (letters and digits as •).</param>
/// <param name="Score">Confidence after validation and context.</param>
/// <param name="Rule">The detection rule.</param>
/// <param name="Recognizer">The recognizer.</param>
/// <param name="Pattern">The pattern or method that matched.</param>
/// <param name="BaseScore">The pattern's score before validation and context.</param>
/// <param name="Validation">The validation outcome, or null.</param>
/// <param name="ContextBoost">Score added by context words.</param>
/// <param name="ContextWords">Context words found near the match.</param>
/// <param name="OnFile">The account field it matches, or null.</param>
public sealed record FindingView(
    string Type,
    int Start,
    int End,
    string Preview,
    double Score,
    string Rule,
    string Recognizer,
    string Pattern,
    double BaseScore,
    string? Validation,
    double ContextBoost,
    IReadOnlyList<string> ContextWords,
    string? OnFile);
