namespace SupportShield.Detection.Engine;

/// <summary>Who wrote a message.</summary>
public enum MessageRole
{
    Customer,
    Agent,
    Bot,
}
