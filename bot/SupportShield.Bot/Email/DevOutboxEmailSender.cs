using Microsoft.Extensions.Logging;
using SupportShield.Bot.Storage;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Email;

/// <summary>
/// The email sender when no SMTP server is configured: keeps each email in the <see cref="IDevOutbox"/>, where
/// a developer on this machine reads it at <c>GET /dev/outbox</c>.
/// </summary>
public sealed partial class DevOutboxEmailSender : IEmailSender
{
    private readonly IDevOutbox _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DevOutboxEmailSender> _logger;

    public DevOutboxEmailSender(IDevOutbox outbox, TimeProvider timeProvider, ILogger<DevOutboxEmailSender> logger)
    {
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _outbox.AddAsync(message, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ArgumentException)
        {
            throw new EmailDeliveryException("Could not store the email in the dev outbox.", exception);
        }

        // Neither recipient nor body: both may be personal data or a code.
        LogStored(_logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured: email kept in the dev outbox (GET /dev/outbox from this machine)")]
    private static partial void LogStored(ILogger logger);
}
