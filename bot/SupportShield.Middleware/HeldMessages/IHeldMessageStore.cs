using SupportShield.Detection.Policy;

namespace SupportShield.Middleware.HeldMessages;

/// <summary>Keeps held messages until they are released.</summary>
public interface IHeldMessageStore
{
    /// <summary>Stores a new held message and returns it with its sequence number.</summary>
    Task<HeldMessage> AddAsync(
        string messageId,
        string conversationId,
        string activityJson,
        string senderRole,
        IReadOnlyList<DecisionReason> reasons,
        DateTimeOffset heldAt,
        CancellationToken cancellationToken = default);

    /// <summary>Messages of the conversation in <see cref="HeldMessageState.Held"/> state, oldest first.</summary>
    Task<IReadOnlyList<HeldMessage>> ListHeldAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Every message of the conversation, any state, oldest first.</summary>
    Task<IReadOnlyList<HeldMessage>> ListAllAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Moves a message from Held to Releasing. Returns false when it was not Held (someone else took it).</summary>
    Task<bool> TryClaimAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed message Released.</summary>
    Task MarkReleasedAsync(string messageId, DateTimeOffset releasedAt, CancellationToken cancellationToken = default);

    /// <summary>Replaces the reasons a held message is held for (a release attempt found new ones). False when unknown.</summary>
    Task<bool> UpdateReasonsAsync(string messageId, IReadOnlyList<DecisionReason> reasons, CancellationToken cancellationToken = default);

    /// <summary>Puts a claimed message back to Held (its delivery failed).</summary>
    Task ReturnToHeldAsync(string messageId, CancellationToken cancellationToken = default);
}
