using Microsoft.Bot.Builder;

namespace SupportShield.Dialogs.Verification;

/// <summary>
/// Wrong codes, locks and codes sent for one account across all its conversations and channels (or, under a
/// <c>contact:</c> key, for a contact typed in the chat that matched no account, so that both answer alike).
/// </summary>
public sealed class AccountVerificationLockRecord : IStoreItem
{
    /// <summary>Wrong codes since the last temporary lock or success.</summary>
    public int WrongCodes { get; set; }

    /// <summary>End of the temporary lock after <see cref="VerificationOptions.MaxWrongCodes"/> wrong codes.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Wrong codes since the last success; temporary locks do not reset it.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>True once <see cref="VerificationOptions.MaxConsecutiveFailures"/> was reached: locked until ops unlock it.</summary>
    public bool OpsLocked { get; set; }

    /// <summary>When the ops lock was set.</summary>
    public DateTimeOffset? OpsLockedAt { get; set; }

    /// <summary>When codes were sent within the current rate window (older entries are pruned).</summary>
    public IList<DateTimeOffset> CodesSentAt { get; } = new List<DateTimeOffset>();

    /// <inheritdoc />
    public string? ETag { get; set; }
}
