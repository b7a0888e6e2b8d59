namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>Why one finding led to an action.</summary>
/// <param name="Type">Canonical entity type.</param>
/// <param name="Rule">The detection rule.</param>
/// <param name="PolicyRule">The policy row that decided.</param>
/// <param name="Action">The row's action.</param>
/// <param name="Detail">The row's reason in words.</param>
public sealed record DecisionReasonView(string Type, string Rule, string PolicyRule, string Action, string Detail);
