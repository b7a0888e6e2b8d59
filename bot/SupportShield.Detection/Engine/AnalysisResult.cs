using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Normalization;
using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Engine;

/// <summary>Everything the engine concluded about one message.</summary>
/// <param name="Normalized">The normalised text and its map to the original.</param>
/// <param name="Findings">Findings in the message itself, offsets into the original text, sorted, not overlapping.</param>
/// <param name="ConversationFindings">Findings that exist only together with earlier messages (a number split over
/// messages, a confirmation of a guessed value); their offsets point into this message's original text.</param>
/// <param name="Intent">The customer's intent, or null for agent and bot messages.</param>
/// <param name="Decision">What the policy decides for the message.</param>
public sealed record AnalysisResult(
    NormalizedText Normalized,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Finding> ConversationFindings,
    IntentResult? Intent,
    PolicyDecision Decision)
{
    /// <summary>Findings of both kinds.</summary>
    public IReadOnlyList<Finding> AllFindings => ConversationFindings.Count == 0 ? Findings : [.. Findings, .. ConversationFindings];
}
