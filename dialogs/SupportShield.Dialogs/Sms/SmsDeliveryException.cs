namespace SupportShield.Dialogs.Sms;

/// <summary>A text message could not be handed to the SMS provider (unreachable, refused, misconfigured). The message never names the number or the body.</summary>
public sealed class SmsDeliveryException : Exception
{
    public SmsDeliveryException()
    {
    }

    public SmsDeliveryException(string message)
        : base(message)
    {
    }

    public SmsDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
