namespace SupportShield.Middleware.Screening;

/// <summary>What became of an outgoing message. Wire names: delivered, redacted, held, blocked.</summary>
public enum DeliveryStatus
{
    Delivered,
    Redacted,
    Held,
    Blocked,
}
