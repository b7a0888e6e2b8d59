namespace SupportShield.Bot.FalsePositives;

/// <summary>An agent's report that a held message was held wrongly: what ops need to tune the rules, and no personal data.</summary>
/// <param name="ReportId">Its id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="MessageId">The held message.</param>
/// <param name="AgentId">Who reported it.</param>
/// <param name="MaskedNote">The agent's note, masked, or null.</param>
/// <param name="Rules">The rules that fired (detection rule and policy row per reason).</param>
/// <param name="EntityTypes">The entity types involved.</param>
/// <param name="MaskedPreview">A masked preview of the held message.</param>
/// <param name="ReportedAt">When it was reported.</param>
public sealed record FalsePositiveReport(
    string ReportId,
    string ConversationId,
    string MessageId,
    string AgentId,
    string? MaskedNote,
    IReadOnlyList<FiredRule> Rules,
    IReadOnlyList<string> EntityTypes,
    string MaskedPreview,
    DateTimeOffset ReportedAt);
