namespace SupportShield.Bot.FalsePositives;

/// <summary>A rule that fired on a held message.</summary>
/// <param name="Type">Canonical entity type.</param>
/// <param name="Rule">The detection rule.</param>
/// <param name="PolicyRule">The policy row that decided.</param>
public sealed record FiredRule(string Type, string Rule, string PolicyRule);
