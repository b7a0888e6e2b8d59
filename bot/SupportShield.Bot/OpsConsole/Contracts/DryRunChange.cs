namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>One corpus line whose decision the candidate rules change.</summary>
/// <param name="Line">Its line number in the corpus.</param>
/// <param name="Id">Its id (cut to 100 characters).</param>
/// <param name="Role">Who wrote it.</param>
/// <param name="Before">The decision under the rules in force.</param>
/// <param name="After">The decision under the candidate rules.</param>
/// <param name="Preview">A masked preview of the text (findings of both as their type, other digits as '#').</param>
public sealed record DryRunChange(int Line, string Id, string Role, DecisionSummary Before, DecisionSummary After, string Preview);
