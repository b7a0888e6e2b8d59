namespace SupportShield.Detection.Policy;

/// <summary>Why one finding led to an action, in the form the agent API and the audit log show.</summary>
/// <param name="Type">Canonical entity type name, for example ADDRESS.</param>
/// <param name="Rule">The detection rule that found it, for example <c>address.us-street</c>.</param>
/// <param name="PolicyRule">The policy row that decided the action.</param>
/// <param name="Action">The action for this finding.</param>
/// <param name="Detail">Plain words, for example "holds a street address on file for this account; customer not verified".</param>
public sealed record DecisionReason(string Type, string Rule, string PolicyRule, PolicyAction Action, string Detail);
