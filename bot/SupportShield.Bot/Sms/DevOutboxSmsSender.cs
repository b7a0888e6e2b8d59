using Microsoft.Extensions.Logging;
using SupportShield.Bot.Storage;
using SupportShield.Dialogs.Email;
using SupportShield.Dialogs.Sms;

namespace SupportShield.Bot.Sms;

/// <summary>
/// The SMS sender when no SMS provider is configured: keeps each text message in the <see cref="IDevOutbox"/>
/// (recipient = the phone number, subject <c>SMS</c>), where a developer on this machine reads it at <c>GET /dev/outbox</c>.
/// </summary>
public sealed partial class DevOutboxSmsSender : ISmsSender
{
    /// <summary>The subject that marks a text message in the dev outbox.</summary>
    public const string Subject = "SMS";

    private readonly IDevOutbox _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DevOutboxSmsSender> _logger;

    public DevOutboxSmsSender(IDevOutbox outbox, TimeProvider timeProvider, ILogger<DevOutboxSmsSender> logger)
    {
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _outbox.AddAsync(new EmailMessage(message.To, Subject, message.Body), _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ArgumentException)
        {
            throw new SmsDeliveryException("Could not store the text message in the dev outbox.", exception);
        }

        // Neither number nor body: both may be personal data or a code.
        LogStored(_logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMS provider configured: text message kept in the dev outbox (GET /dev/outbox from this machine)")]
    private static partial void LogStored(ILogger logger);
}
