namespace SupportShield.Bot.DirectLine;

/// <summary>What became of an activity a client posted: its id, or the HTTP status and reason it was refused.</summary>
/// <param name="ActivityId">The id given to the activity, when accepted.</param>
/// <param name="StatusCode">The HTTP status to answer.</param>
/// <param name="Error">Why it was refused.</param>
/// <param name="RetryAfter">For 429: when to try again.</param>
public sealed record DirectLinePostResult(string? ActivityId, int StatusCode, string? Error, TimeSpan? RetryAfter = null);
