namespace SupportShield.Detection.Policy;

/// <summary>What happens to a message. Declared from weakest to strongest: a message gets the strongest action any of its findings gets.</summary>
public enum PolicyAction
{
    /// <summary>Deliver unchanged.</summary>
    Allow,

    /// <summary>Deliver with the matched spans replaced.</summary>
    Redact,

    /// <summary>Do not deliver now; keep the message and deliver it once the customer is verified.</summary>
    Hold,

    /// <summary>Never deliver.</summary>
    Block,
}
