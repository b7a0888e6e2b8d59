using Microsoft.Bot.Builder;

namespace SupportShield.Middleware.ContactChanges;

/// <summary>
/// A contact change a customer asked for in a conversation, waiting for verification with the CURRENT contact on file.
/// The new value is the customer's own request on the message path; it is applied only after verification.
/// </summary>
public sealed class PendingContactChange : IStoreItem
{
    public bool Pending { get; set; }

    public ContactField Field { get; set; }

    public string NewValue { get; set; } = string.Empty;

    public DateTimeOffset RequestedAt { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
