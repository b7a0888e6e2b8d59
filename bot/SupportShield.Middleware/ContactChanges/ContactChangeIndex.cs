using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>The accounts whose contact details were changed through the chat.</summary>
public sealed class ContactChangeIndex : IStoreItem
{
    public List<string> AccountIds { get; set; } = [];

    /// <inheritdoc />
    public string? ETag { get; set; }
}
