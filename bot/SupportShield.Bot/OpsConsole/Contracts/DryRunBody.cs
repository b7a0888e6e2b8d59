namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The body of <c>POST /api/ops/rules/dry-run</c>.</summary>
/// <param name="Rules">The candidate rules text.</param>
/// <param name="Corpus">JSON lines <c>{"id", "text", "role"?}</c>, at most 5 MB and 20,000 lines.</param>
public sealed record DryRunBody(string? Rules, string? Corpus);
