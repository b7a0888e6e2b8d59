namespace SupportShield.Dialogs.Email;

/// <summary>An email could not be handed to the mail server (unreachable, refused, misconfigured).</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
