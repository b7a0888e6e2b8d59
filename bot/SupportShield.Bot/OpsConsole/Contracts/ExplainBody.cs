namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The body of <c>POST /api/ops/explain</c>.</summary>
/// <param name="Text">The message to test (up to 10,000 characters).</param>
/// <param name="Role">Who wrote it: customer (default), agent or bot.</param>
/// <param name="Verified">Whether the customer is verified (default false).</param>
/// <param name="Rules">A candidate rules text to test instead of the rules in force, or null.</param>
public sealed record ExplainBody(string? Text, string? Role, bool? Verified, string? Rules);
