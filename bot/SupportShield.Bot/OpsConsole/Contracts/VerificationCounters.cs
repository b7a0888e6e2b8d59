namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>Verifications of a period.</summary>
/// <param name="Started">Codes sent.</param>
/// <param name="Succeeded">Verifications that succeeded (code or identity token).</param>
/// <param name="Failed">Wrong codes.</param>
/// <param name="Locked">Verifications locked after too many wrong codes.</param>
public sealed record VerificationCounters(long Started, long Succeeded, long Failed, long Locked);
