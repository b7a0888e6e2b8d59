namespace SupportShield.Bot.RateLimiting;

/// <summary>The shared rate-limit counters (Redis) could not be reached; the message names no key or value.</summary>
public sealed class RateLimitStoreUnavailableException : Exception
{
    public RateLimitStoreUnavailableException()
    {
    }

    public RateLimitStoreUnavailableException(string message)
        : base(message)
    {
    }

    public RateLimitStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
