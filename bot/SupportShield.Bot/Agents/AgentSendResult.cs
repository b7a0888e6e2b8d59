using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.RateLimiting;

namespace SupportShield.Bot.Agents;

/// <summary>What became of an agent's send with an idempotency key.</summary>
/// <param name="Response">The answer (fresh, or replayed from an earlier attempt with the same key); null otherwise.</param>
/// <param name="Replayed">The answer is an earlier attempt's: nothing was sent now.</param>
/// <param name="InProgressFor">Another attempt with the same key is under way; how long its lease still runs.</param>
/// <param name="RateLimit">The send was refused by the rate limiter.</param>
/// <param name="UnknownConversation">No such conversation.</param>
public sealed record AgentSendResult(
    SendAgentMessageResponse? Response,
    bool Replayed = false,
    TimeSpan? InProgressFor = null,
    RateLimitDecision? RateLimit = null,
    bool UnknownConversation = false);
