namespace SupportShield.Bot.Agents.Contracts;

/// <summary>Where a held message is, as the agent console shows it.</summary>
public enum HeldItemState
{
    /// <summary>Waiting for the customer to verify.</summary>
    Held,

    /// <summary>Being delivered right now.</summary>
    Releasing,

    /// <summary>Delivered (perhaps redacted) once the customer verified.</summary>
    Delivered,

    /// <summary>Delivered on a supervisor's approved override, before the customer verified.</summary>
    Overridden,
}
