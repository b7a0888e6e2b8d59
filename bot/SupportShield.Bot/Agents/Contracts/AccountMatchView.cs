namespace SupportShield.Bot.Agents.Contracts;

/// <summary>An account that matches a search, masked: enough to tell accounts apart, never a full contact value.</summary>
/// <param name="AccountId">The account id (to link).</param>
/// <param name="Initials">The holder's initials.</param>
/// <param name="MaskedEmail">First letters and the top-level domain, for example <c>j***@e***.com</c>.</param>
/// <param name="MaskedPhone">The last two digits only, or null when none is on file.</param>
public sealed record AccountMatchView(string AccountId, string Initials, string MaskedEmail, string? MaskedPhone);
