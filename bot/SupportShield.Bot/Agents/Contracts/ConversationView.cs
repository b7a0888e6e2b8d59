using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>A conversation as an agent sees it.</summary>
public sealed record ConversationView(
    string ConversationId,
    string? AccountId,
    VerificationState Verification,
    IReadOnlyList<HeldMessageView> Held,
    IReadOnlyList<TranscriptLineView> Transcript);
