using SupportShield.Detection.Policy;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>Why a message was not delivered as written.</summary>
/// <param name="Type">Canonical entity type, for example ADDRESS.</param>
/// <param name="Rule">The detection rule that fired.</param>
/// <param name="Detail">Plain words for the agent.</param>
/// <param name="PolicyRule">The policy row that decided.</param>
public sealed record ReasonView(string Type, string Rule, string Detail, string PolicyRule)
{
    public static ReasonView From(DecisionReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new ReasonView(reason.Type, reason.Rule, reason.Detail, reason.PolicyRule);
    }
}
