using Microsoft.Bot.Schema;

namespace SupportShield.Middleware.Conversations;

/// <summary>Keeps conversation references and account links.</summary>
public interface IConversationStore
{
    /// <summary>Creates the conversation or updates its reference; keeps an existing account link.</summary>
    Task SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken = default);

    /// <summary>The conversation, or null when it was never seen.</summary>
    Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Links the conversation to an account. Returns false when the conversation is unknown.</summary>
    Task<bool> LinkAccountAsync(string conversationId, string accountId, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="limit"/> conversations with the most recent activity, most recent first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListRecentAsync(int limit, CancellationToken cancellationToken = default);
}
