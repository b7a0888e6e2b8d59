using Microsoft.Bot.Builder;

namespace SupportShield.Dialogs.Verification;

/// <summary>Wrong codes and lock of one account, across all its conversations.</summary>
public sealed class AccountVerificationLockRecord : IStoreItem
{
    public int WrongCodes { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
