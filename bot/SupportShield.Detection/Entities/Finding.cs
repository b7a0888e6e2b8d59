namespace SupportShield.Detection.Entities;

/// <summary>
/// One piece of personal data found in a text. Offsets point into the original text (end exclusive).
/// <see cref="Value"/> holds the matched text and must stay on the message path: never log or store it.
/// </summary>
/// <param name="Type">What kind of data it is.</param>
/// <param name="Start">Offset of the first character in the original text.</param>
/// <param name="End">Offset after the last character in the original text.</param>
/// <param name="Value">The matched original text.</param>
/// <param name="Score">Confidence from 0 to 1 after validation and context.</param>
/// <param name="RuleId">Stable id of the rule that produced it, for example <c>email.pattern</c> or <c>account.phone.last4</c>.</param>
/// <param name="Explanation">Why it was found.</param>
/// <param name="OnFileField">The linked account field it matches (for example <c>phone</c>), or null when it is not on-file data.</param>
public sealed record Finding(
    EntityType Type,
    int Start,
    int End,
    string Value,
    double Score,
    string RuleId,
    FindingExplanation Explanation,
    string? OnFileField = null)
{
    /// <summary>Length of the span in the original text.</summary>
    public int Length => End - Start;

    /// <summary>True when the finding matches a value of the conversation's linked account.</summary>
    public bool IsOnFile => OnFileField is not null;
}
