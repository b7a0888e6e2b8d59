using System.Threading.RateLimiting;

namespace SupportShield.Bot.Consoles;

/// <summary>Limits console sign-in attempts per client address, so keys cannot be guessed at speed.</summary>
public sealed class ConsoleSignInThrottle : IDisposable
{
    /// <summary>Attempts allowed per client address per minute.</summary>
    public const int AttemptsPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = AttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one attempt for <paramref name="clientAddress"/>; false when the limit is reached.</summary>
    public bool TryAttempt(string clientAddress)
    {
        using var lease = _limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
