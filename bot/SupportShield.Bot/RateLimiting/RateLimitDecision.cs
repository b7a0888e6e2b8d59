namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Whether a request may go on, and if not, when to retry and which limit it hit. <paramref name="StoreUnavailable"/>:
/// refused because the shared counters (Redis) could not be reached, not because a limit was reached.
/// </summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter, string? Limit, bool StoreUnavailable = false)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero, null);
}
