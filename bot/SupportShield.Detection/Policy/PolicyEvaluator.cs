using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Policy;

/// <summary>Applies a <see cref="PolicyTable"/> to the findings of one message.</summary>
public sealed class PolicyEvaluator
{
    private readonly Func<PolicyTable> _table;

    /// <param name="table">Returns the table in force; called once per evaluation so that ops can replace it live.</param>
    public PolicyEvaluator(Func<PolicyTable> table)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
    }

    public PolicyEvaluator(PolicyTable table)
        : this(() => table)
    {
        ArgumentNullException.ThrowIfNull(table);
    }

    /// <summary>
    /// Decides what happens to a message. A finding that no row matches is held when outgoing (fail closed) and allowed when incoming.
    /// </summary>
    public PolicyDecision Evaluate(IReadOnlyList<Finding> findings, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(context);
        if (findings.Count == 0)
        {
            return PolicyDecision.Allow;
        }

        var table = _table();
        var action = PolicyAction.Allow;
        var reasons = new List<DecisionReason>();
        var redactions = new List<Finding>();
        foreach (var finding in findings)
        {
            var rule = table.FirstMatch(finding, context);
            var findingAction = rule?.Action
                ?? (context.Direction == ScreeningDirection.Outgoing ? PolicyAction.Hold : PolicyAction.Allow);
            var ruleId = rule?.Id ?? "fallback.fail-closed";
            var why = rule?.Reason ?? "no policy row matched";
            if (findingAction > action)
            {
                action = findingAction;
            }

            if (findingAction == PolicyAction.Redact)
            {
                redactions.Add(finding);
            }

            if (findingAction != PolicyAction.Allow)
            {
                reasons.Add(new DecisionReason(
                    finding.Type.ToCanonicalName(),
                    finding.RuleId,
                    ruleId,
                    findingAction,
                    $"{EntityDescriptions.Describe(finding)}; {why}"));
            }
        }

        return new PolicyDecision(action, reasons, redactions);
    }
}
