namespace SupportShield.Dialogs.Email;

/// <summary>Sends email to a customer's contact on file.</summary>
public interface IEmailSender
{
    /// <summary>Sends the message, or throws <see cref="EmailDeliveryException"/> when it cannot be handed over.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
