using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>
/// A conversation as an agent sees it: <paramref name="Held"/> are the messages waiting now, <paramref name="HeldMessages"/>
/// every message ever held in it with its state; customer lines of <paramref name="Transcript"/> are masked.
/// </summary>
public sealed record ConversationView(
    string ConversationId,
    string? AccountId,
    VerificationState Verification,
    IReadOnlyList<HeldMessageView> Held,
    IReadOnlyList<TranscriptLineView> Transcript,
    IReadOnlyList<HeldItemView> HeldMessages);
