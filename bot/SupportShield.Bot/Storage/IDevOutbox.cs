using SupportShield.Bot.Email;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Storage;

/// <summary>
/// Emails and text messages kept instead of sent, for development without a mail server or SMS provider. Part of the
/// message path: bodies may hold one-time codes, which is why the outbox is only ever shown to loopback callers.
/// </summary>
public interface IDevOutbox
{
    /// <summary>Keeps <paramref name="message"/> as sent at <paramref name="time"/>.</summary>
    Task AddAsync(EmailMessage message, DateTimeOffset time, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> messages, newest first.</summary>
    Task<IReadOnlyList<DevOutboxEmail>> ListAsync(int limit = 100, CancellationToken cancellationToken = default);
}
