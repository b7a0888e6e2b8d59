using Microsoft.Bot.Builder;

namespace SupportShield.Dialogs.Identity;

/// <summary>The conversation that first presented an identity token (stored under a keyed hash of its <c>jti</c>).</summary>
public sealed class IdentityTokenUseRecord : IStoreItem
{
    /// <summary>The conversation the token is bound to, or null when never used.</summary>
    public string? ConversationId { get; set; }

    /// <summary>When the token expires; after that the record no longer matters.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
