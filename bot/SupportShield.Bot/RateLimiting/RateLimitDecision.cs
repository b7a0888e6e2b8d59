namespace SupportShield.Bot.RateLimiting;

/// <summary>Whether a request may go on, and if not, when to retry and which limit it hit.</summary>
public sealed record RateLimitDecision(bool Allowed, TimeSpan RetryAfter, string? Limit)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero, null);
}
