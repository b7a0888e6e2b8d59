namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The answer of <c>POST /api/ops/explain</c>.</summary>
/// <param name="Rules">"in force" or "candidate".</param>
/// <param name="RulesSha256">The SHA-256 of the rules text used.</param>
/// <param name="Role">Who wrote the message.</param>
/// <param name="Verified">Whether the customer was taken as verified.</param>
/// <param name="NormalizedText">The text the recognizers read (the caller's own input, returned to them only).</param>
/// <param name="NormalizationChanged">Whether normalisation changed the text.</param>
/// <param name="MaskedText">The message with each finding replaced by its type and other digits by '#'.</param>
/// <param name="Findings">Every finding, masked.</param>
/// <param name="Intent">The customer's intent, or null for agent and bot messages.</param>
/// <param name="Decision">The policy decision for the message as written.</param>
/// <param name="AsOutgoing">For a customer message, the decision had an agent sent the same text; otherwise null.</param>
public sealed record ExplainView(
    string Rules,
    string RulesSha256,
    string Role,
    bool Verified,
    string NormalizedText,
    bool NormalizationChanged,
    string MaskedText,
    IReadOnlyList<FindingView> Findings,
    IntentView? Intent,
    DecisionView Decision,
    DecisionView? AsOutgoing);
