using SupportShield.Detection.Rules;

namespace SupportShield.Bot.Rules;

/// <summary>The outcome of saving a rules text from the ops console.</summary>
/// <param name="Errors">The problems of the text (nothing was saved), or empty when it was saved.</param>
/// <param name="Path">The file written, or null when nothing was.</param>
/// <param name="Sha256">The SHA-256 of the text saved, or null.</param>
/// <param name="Status">The rules status after the save.</param>
public sealed record RulesSaveResult(IReadOnlyList<RulesError> Errors, string? Path, string? Sha256, RulesStatus Status)
{
    /// <summary>True when the text was valid, written and is in force.</summary>
    public bool Saved => Errors.Count == 0 && Path is not null;
}
