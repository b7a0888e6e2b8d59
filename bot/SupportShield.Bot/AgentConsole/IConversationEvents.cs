using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// Told what happens in conversations, where it happens (transcript appends, holds, releases, verification, links), so that
/// the agent console can show it live. Implementations never throw: a console that misses an update must not fail a turn.
/// </summary>
public interface IConversationEvents
{
    /// <summary>A line was added to the conversation's transcript.</summary>
    Task TranscriptLineAddedAsync(TranscriptEntry line, CancellationToken cancellationToken = default);

    /// <summary>An outgoing message was held.</summary>
    Task MessageHeldAsync(HeldMessage message, CancellationToken cancellationToken = default);

    /// <summary>Held messages of the conversation may have changed state (released, overridden, held again) or got override requests.</summary>
    Task HeldMessagesChangedAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The conversation's verification state or linked account may have changed.</summary>
    Task VerificationChangedAsync(string conversationId, CancellationToken cancellationToken = default);
}
