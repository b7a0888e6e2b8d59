namespace SupportShield.Middleware.HeldMessages;

/// <summary>The life of a held message.</summary>
public enum HeldMessageState
{
    /// <summary>Waiting for the customer to verify.</summary>
    Held,

    /// <summary>Claimed by a release in progress.</summary>
    Releasing,

    /// <summary>Delivered (perhaps redacted) after verification.</summary>
    Released,
}
