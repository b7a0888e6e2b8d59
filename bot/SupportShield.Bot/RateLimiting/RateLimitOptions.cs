namespace SupportShield.Bot.RateLimiting;

/// <summary>Rate limits, bound from <c>SupportShield:RateLimits</c>. A request over a limit is answered 429 with a retry time.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Messages (customer messages and agent replies) per conversation per minute. Default 30.</summary>
    public int MessagesPerConversationPerMinute { get; set; } = 30;

    /// <summary>Messages per linked account per minute, across its conversations. Default 60.</summary>
    public int MessagesPerAccountPerMinute { get; set; } = 60;

    /// <summary>Verification starts per conversation per hour. Default 10.</summary>
    public int VerificationStartsPerConversationPerHour { get; set; } = 10;

    /// <summary>Verification starts per account per hour, across its conversations. Default 10.</summary>
    public int VerificationStartsPerAccountPerHour { get; set; } = 10;

    /// <summary>Throws when a limit is not positive; called at start-up.</summary>
    public void Validate()
    {
        if (MessagesPerConversationPerMinute < 1 || MessagesPerAccountPerMinute < 1
            || VerificationStartsPerConversationPerHour < 1 || VerificationStartsPerAccountPerHour < 1)
        {
            throw new InvalidOperationException("Every SupportShield:RateLimits value must be at least 1.");
        }
    }
}
