namespace SupportShield.Middleware.Audit;

/// <summary>
/// One decision, as the audit log keeps it: types, rule ids, a masked preview and keyed hashes of the matched values.
/// Never raw personal data, never a one-time code.
/// </summary>
/// <param name="Time">When the decision was made.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Direction">"incoming", "outgoing" or "verification".</param>
/// <param name="Action">What was done, for example "held", "delivered", "redacted", "released", "verification.started".</param>
/// <param name="EntityTypes">Canonical entity type names involved.</param>
/// <param name="RuleIds">Detection and policy rule ids involved.</param>
/// <param name="MaskedPreview">A short masked preview of the message, or null.</param>
/// <param name="ValueHashes">Keyed hashes (HMAC-SHA256, hex) of each matched value, so records can be correlated without the values.</param>
/// <param name="MessageId">The message concerned, when there is one.</param>
/// <param name="Actor">Who acted, when a person did (an agent or supervisor id), or null.</param>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string ConversationId,
    string Direction,
    string Action,
    IReadOnlyList<string> EntityTypes,
    IReadOnlyList<string> RuleIds,
    string? MaskedPreview,
    IReadOnlyList<string> ValueHashes,
    string? MessageId = null,
    string? Actor = null);
