using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.RateLimiting;

/// <summary>
/// Fixed-window limits per conversation and per account (ASP.NET Core's System.Threading.RateLimiting), for messages and
/// for verification starts. A flood from one conversation, or spread over many conversations about one account, is cut
/// off with a retry time instead of reaching the screening, the mail server or the code checks.
/// </summary>
public sealed class SupportShieldRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _messagesByConversation;
    private readonly PartitionedRateLimiter<string> _messagesByAccount;
    private readonly PartitionedRateLimiter<string> _startsByConversation;
    private readonly PartitionedRateLimiter<string> _startsByAccount;

    public SupportShieldRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _messagesByConversation = Create(limits.MessagesPerConversationPerMinute, TimeSpan.FromMinutes(1));
        _messagesByAccount = Create(limits.MessagesPerAccountPerMinute, TimeSpan.FromMinutes(1));
        _startsByConversation = Create(limits.VerificationStartsPerConversationPerHour, TimeSpan.FromHours(1));
        _startsByAccount = Create(limits.VerificationStartsPerAccountPerHour, TimeSpan.FromHours(1));
    }

    /// <summary>Takes one message permit for the conversation and, when linked, its account.</summary>
    public RateLimitDecision TryAcquireMessage(string conversationId, string? accountId) =>
        TryAcquire(_messagesByConversation, conversationId, "messages per conversation", _messagesByAccount, accountId, "messages per account");

    /// <summary>Takes one verification-start permit for the conversation and, when linked, its account.</summary>
    public RateLimitDecision TryAcquireVerificationStart(string conversationId, string? accountId) =>
        TryAcquire(_startsByConversation, conversationId, "verification starts per conversation", _startsByAccount, accountId, "verification starts per account");

    public void Dispose()
    {
        _messagesByConversation.Dispose();
        _messagesByAccount.Dispose();
        _startsByConversation.Dispose();
        _startsByAccount.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));

    private static RateLimitDecision TryAcquire(
        PartitionedRateLimiter<string> byConversation,
        string conversationId,
        string conversationLimit,
        PartitionedRateLimiter<string> byAccount,
        string? accountId,
        string accountLimit)
    {
        using (var lease = byConversation.AttemptAcquire(conversationId))
        {
            if (!lease.IsAcquired)
            {
                return Refused(lease, conversationLimit);
            }
        }

        if (accountId is not null)
        {
            using var lease = byAccount.AttemptAcquire(accountId);
            if (!lease.IsAcquired)
            {
                return Refused(lease, accountLimit);
            }
        }

        return RateLimitDecision.Allow;
    }

    private static RateLimitDecision Refused(RateLimitLease lease, string limit) =>
        new(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1), limit);
}
