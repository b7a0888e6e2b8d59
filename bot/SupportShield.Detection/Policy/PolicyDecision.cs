using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Policy;

/// <summary>The outcome of applying the policy table to a message's findings.</summary>
/// <param name="Action">The strongest action over all findings (Allow when there are none).</param>
/// <param name="Reasons">One reason per finding that led to something other than Allow.</param>
/// <param name="Redactions">The findings whose spans must be replaced when the message is delivered.</param>
public sealed record PolicyDecision(PolicyAction Action, IReadOnlyList<DecisionReason> Reasons, IReadOnlyList<Finding> Redactions)
{
    public static PolicyDecision Allow { get; } = new(PolicyAction.Allow, [], []);
}
