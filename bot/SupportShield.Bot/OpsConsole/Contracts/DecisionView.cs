namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>A policy decision as the ops console shows it.</summary>
/// <param name="Action">allow, redact, hold or block.</param>
/// <param name="Types">The entity types behind the action (sorted), empty for allow.</param>
/// <param name="Reasons">One reason per finding that led to something other than allow.</param>
public sealed record DecisionView(string Action, IReadOnlyList<string> Types, IReadOnlyList<DecisionReasonView> Reasons);
