using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>Contact details of one account changed through the chat, applied over the account directory's values.</summary>
public sealed class ContactOverrides : IStoreItem
{
    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PostalAddress { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
