using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Fixed-window limits per conversation and per account, for messages and for verification starts, counted in an
/// <see cref="IRateLimitStore"/> (this process, or Redis so that the limits hold across instances). A flood from one
/// conversation, or spread over many conversations about one account, is cut off with a retry time instead of reaching
/// the screening, the mail server or the code checks.
/// </summary>
/// <remarks>
/// When the store cannot be reached: message limits fall back to counting in this process (customers are not cut off,
/// a warning is logged); verification starts are refused (<see cref="RateLimitDecision.StoreUnavailable"/>), since an
/// unlimited start rate would let codes be sent and guessed at will.
/// </remarks>
public sealed partial class SupportShieldRateLimiter : IDisposable
{
    /// <summary>How long a caller is told to wait when verification starts are refused for want of the store.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromMinutes(1);

    private const string MessagesPerConversation = "messages per conversation";
    private const string MessagesPerAccount = "messages per account";
    private const string StartsPerConversation = "verification starts per conversation";
    private const string StartsPerAccount = "verification starts per account";

    private readonly RateLimitOptions _limits;
    private readonly IRateLimitStore _store;
    private readonly InProcessRateLimitStore _fallback = new();
    private readonly ILogger _logger;

    /// <summary>Counts in this process.</summary>
    public SupportShieldRateLimiter(IOptions<RateLimitOptions> options)
        : this(options, null, null)
    {
    }

    /// <summary>Counts in <paramref name="store"/> (this process when null).</summary>
    public SupportShieldRateLimiter(IOptions<RateLimitOptions> options, IRateLimitStore? store, ILogger<SupportShieldRateLimiter>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = options.Value;
        _store = store ?? _fallback;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Takes one message permit for the conversation and, when linked, its account.</summary>
    public async Task<RateLimitDecision> TryAcquireMessageAsync(string conversationId, string? accountId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TryAcquireAsync(_store, MessageLimits(conversationId, accountId), cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimitStoreUnavailableException ex)
        {
            // Customers are not cut off because Redis is: this instance's own counters still hold the flood back.
            LogMessageFallback(_logger, ex.Message);
            return await TryAcquireAsync(_fallback, MessageLimits(conversationId, accountId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes one verification-start permit for the conversation and, when linked, its account.</summary>
    public async Task<RateLimitDecision> TryAcquireVerificationStartAsync(string conversationId, string? accountId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TryAcquireAsync(
                _store,
                [
                    (StartsPerConversation, conversationId, _limits.VerificationStartsPerConversationPerHour, TimeSpan.FromHours(1)),
                    (StartsPerAccount, accountId, _limits.VerificationStartsPerAccountPerHour, TimeSpan.FromHours(1)),
                ],
                cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimitStoreUnavailableException ex)
        {
            // Fail closed: without the shared counters the start rate is unknown, and starts send codes.
            LogStartRefused(_logger, ex.Message);
            return new RateLimitDecision(false, UnavailableRetryAfter, "verification starts (rate-limit store unavailable)", StoreUnavailable: true);
        }
    }

    public void Dispose() => _fallback.Dispose();

    private (string Limit, string? Key, int Permits, TimeSpan Window)[] MessageLimits(string conversationId, string? accountId) =>
    [
        (MessagesPerConversation, conversationId, _limits.MessagesPerConversationPerMinute, TimeSpan.FromMinutes(1)),
        (MessagesPerAccount, accountId, _limits.MessagesPerAccountPerMinute, TimeSpan.FromMinutes(1)),
    ];

    private static async Task<RateLimitDecision> TryAcquireAsync(
        IRateLimitStore store,
        (string Limit, string? Key, int Permits, TimeSpan Window)[] limits,
        CancellationToken cancellationToken)
    {
        foreach (var (limit, key, permits, window) in limits)
        {
            if (key is null)
            {
                continue;
            }

            var decision = await store.TryAcquireAsync(limit, key, permits, window, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return decision;
            }
        }

        return RateLimitDecision.Allow;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate-limit store unavailable ({Reason}); message limits are counted in this instance only.")]
    private static partial void LogMessageFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate-limit store unavailable ({Reason}); verification start refused.")]
    private static partial void LogStartRefused(ILogger logger, string reason);
}
