using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.AccountProtection;

/// <summary>
/// A lock on chat disclosures of one account: on-file data is held even after verification. Only ops can lift it, or the
/// owner once <see cref="OwnerCanLiftAfter"/> has passed.
/// </summary>
public sealed class DisclosureLock : IStoreItem
{
    public bool Locked { get; set; }

    public DisclosureLockReason Reason { get; set; }

    public DateTimeOffset? LockedAt { get; set; }

    /// <summary>When the owner may lift it themselves (a cooling-off period); null when only ops may.</summary>
    public DateTimeOffset? OwnerCanLiftAfter { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
