namespace SupportShield.Detection.Intent;

/// <summary>The intent of one customer message, with the fields it asks about and the rule that decided.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Fields">Fields asked for or to be changed, as lower-case names: address, phone, email, name, card, dob, password, account, ssn.</param>
/// <param name="RuleId">The rule that decided, for example <c>intent.request.what-is-my</c>; <c>intent.none</c> when nothing matched.</param>
/// <param name="Explanation">A short human-readable reason.</param>
public sealed record IntentResult(CustomerIntent Intent, IReadOnlyList<string> Fields, string RuleId, string Explanation)
{
    public static IntentResult None { get; } = new(CustomerIntent.None, [], "intent.none", "no request for data on file or contact change");
}
