namespace SupportShield.Dialogs.Sms;

/// <summary>Sends a text message to a customer's phone on file.</summary>
public interface ISmsSender
{
    /// <summary>Sends the message, or throws <see cref="SmsDeliveryException"/> when it cannot be handed over.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}
