namespace SupportShield.Detection.Policy;

/// <summary>Which way a message travels: from the customer, or to the customer (from the bot or a human agent).</summary>
public enum ScreeningDirection
{
    Incoming,
    Outgoing,
}
