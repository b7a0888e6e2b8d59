using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Rules;

/// <summary>A pattern recognizer defined in the rules file (<c>recognizers</c>).</summary>
/// <param name="Id">Stable id, given to its findings as their rule id.</param>
/// <param name="Type">The entity type of its findings.</param>
/// <param name="Regex">The compiled expression (linear-time engine, or a match timeout when the expression needs backtracking).</param>
/// <param name="Score">Score of a match before context.</param>
/// <param name="Validator">Checksum a match must pass.</param>
/// <param name="ContextWords">Words that raise the score when near a match.</param>
/// <param name="ContextBoost">Score added when a context word is near.</param>
public sealed record CustomRecognizerRule(
    string Id,
    EntityType Type,
    Regex Regex,
    double Score,
    RuleValidator Validator,
    IReadOnlyList<string> ContextWords,
    double ContextBoost);
