using Microsoft.Bot.Builder;

namespace SupportShield.Dialogs.Notices;

/// <summary>When the owner of an account last got a notice of one kind, kept in the bot's <see cref="IStorage"/> so every host sees it.</summary>
public sealed class OwnerNoticeRecord : IStoreItem
{
    /// <summary>When the last notice of this kind went out, or null when none did (or its delivery failed).</summary>
    public DateTimeOffset? LastSent { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
