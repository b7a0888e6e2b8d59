namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The answer of <c>POST /api/ops/rules/dry-run</c>.</summary>
/// <param name="Lines">Corpus lines run (blank lines are skipped).</param>
/// <param name="Changed">Lines whose decision (action or types) changes.</param>
/// <param name="NewlyHeld">Lines delivered (allowed or redacted) today that the candidate holds or blocks.</param>
/// <param name="NewlyReleased">Lines held or blocked today that the candidate delivers.</param>
/// <param name="Changes">The changed lines, in corpus order (at most <see cref="OpsConsole.RulesDryRun.MaxChangesListed"/>).</param>
/// <param name="Truncated">True when more lines changed than are listed.</param>
/// <param name="RulesInForceSha256">The version of the rules in force.</param>
/// <param name="CandidateSha256">The version of the candidate.</param>
public sealed record DryRunView(
    int Lines,
    int Changed,
    int NewlyHeld,
    int NewlyReleased,
    IReadOnlyList<DryRunChange> Changes,
    bool Truncated,
    string RulesInForceSha256,
    string CandidateSha256);
