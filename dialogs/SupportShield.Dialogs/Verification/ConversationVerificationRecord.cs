using Microsoft.Bot.Builder;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>A conversation's verification as stored in the bot's <see cref="IStorage"/>. Holds a keyed hash of the code, never the code.</summary>
public sealed class ConversationVerificationRecord : IStoreItem
{
    /// <summary>One of the <see cref="Middleware.Verification.VerificationState"/> names, or AwaitingContact.</summary>
    public string Stage { get; set; } = VerificationStages.None;

    /// <summary>The account being verified (null while awaiting a contact, or when the contact matched none).</summary>
    public string? AccountId { get; set; }

    /// <summary>Keyed hash (base64) of the current code.</summary>
    public string? CodeHash { get; set; }

    public DateTimeOffset? CodeExpiresAt { get; set; }

    /// <summary>How the current code was sent (null when no account matched, or before factors existed: email).</summary>
    public VerificationFactor? Factor { get; set; }

    /// <summary>How the conversation was verified: <c>code</c> or <c>identity-token</c>.</summary>
    public string? VerifiedBy { get; set; }

    public DateTimeOffset? VerifiedUntil { get; set; }

    /// <summary>Wrong codes in this conversation when no account matched (an account's count lives on the account).</summary>
    public int WrongCodes { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
