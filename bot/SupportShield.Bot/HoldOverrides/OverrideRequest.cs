namespace SupportShield.Bot.HoldOverrides;

/// <summary>An agent's request to release one held message before the customer verifies.</summary>
/// <param name="RequestId">Its id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="MessageId">The held message.</param>
/// <param name="AgentId">Who asked.</param>
/// <param name="MaskedJustification">The agent's justification, masked (values found become their type, digits '#'); the raw text is never stored.</param>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="DecidedAt">When a supervisor decided, or null.</param>
/// <param name="DecidedBy">The supervisor who decided, or null.</param>
public sealed record OverrideRequest(
    string RequestId,
    string ConversationId,
    string MessageId,
    string AgentId,
    string MaskedJustification,
    OverrideStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt = null,
    string? DecidedBy = null);
