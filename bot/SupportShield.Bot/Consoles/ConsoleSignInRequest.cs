namespace SupportShield.Bot.Consoles;

/// <summary>The body of <c>POST /console/session</c>.</summary>
/// <param name="Key">An agent, supervisor or ops key.</param>
public sealed record ConsoleSignInRequest(string? Key);
