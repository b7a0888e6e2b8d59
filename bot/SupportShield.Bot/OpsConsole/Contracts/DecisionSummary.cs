namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>A decision in short: its action and the entity types behind it.</summary>
/// <param name="Action">allow, redact, hold or block.</param>
/// <param name="Types">The entity types behind the action, sorted.</param>
public sealed record DecisionSummary(string Action, IReadOnlyList<string> Types);
