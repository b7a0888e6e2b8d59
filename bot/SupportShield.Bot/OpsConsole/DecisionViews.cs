using SupportShield.Bot.OpsConsole.Contracts;
using SupportShield.Detection.Policy;

namespace SupportShield.Bot.OpsConsole;

/// <summary>Turns policy decisions into the ops console's views.</summary>
public static class DecisionViews
{
    /// <summary>The lower-case name of an action.</summary>
    public static string Name(PolicyAction action) => action.ToString().ToLowerInvariant();

    /// <summary>The view of <paramref name="decision"/>.</summary>
    public static DecisionView Of(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new DecisionView(
            Name(decision.Action),
            Types(decision),
            decision.Reasons.Select(r => new DecisionReasonView(r.Type, r.Rule, r.PolicyRule, Name(r.Action), r.Detail)).ToList());
    }

    /// <summary>The action and types of <paramref name="decision"/>.</summary>
    public static DecisionSummary Summary(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new DecisionSummary(Name(decision.Action), Types(decision));
    }

    /// <summary>Whether a message with this action reaches the customer (allowed or redacted).</summary>
    public static bool Delivers(PolicyAction action) => action is PolicyAction.Allow or PolicyAction.Redact;

    private static List<string> Types(PolicyDecision decision) =>
        decision.Reasons.Where(r => r.Action == decision.Action).Select(r => r.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
