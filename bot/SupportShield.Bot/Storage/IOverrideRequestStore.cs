using SupportShield.Bot.HoldOverrides;

namespace SupportShield.Bot.Storage;

/// <summary>Override requests. A decision is a conditional change from one status, so two supervisors cannot both decide.</summary>
public interface IOverrideRequestStore
{
    /// <summary>Stores a new request.</summary>
    Task AddAsync(OverrideRequest request, CancellationToken cancellationToken = default);

    /// <summary>The request, or null.</summary>
    Task<OverrideRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>The conversation's requests, oldest first.</summary>
    Task<IReadOnlyList<OverrideRequest>> ListForConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Moves the request from <paramref name="from"/> to <paramref name="decision"/>; false when it was not in <paramref name="from"/>.</summary>
    Task<bool> TryDecideAsync(string requestId, OverrideStatus from, OverrideStatus decision, string? decidedBy, DateTimeOffset? decidedAt, CancellationToken cancellationToken = default);
}
