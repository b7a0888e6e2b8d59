namespace SupportShield.Bot.HoldOverrides;

/// <summary>What an override call came to.</summary>
public enum OverrideOutcome
{
    /// <summary>The request was stored and waits for a supervisor.</summary>
    Requested,

    /// <summary>Approved, and the message was delivered (perhaps with always-redacted values masked).</summary>
    Released,

    /// <summary>Approved, but the policy holds or blocks the message even for a verified customer: it stays held.</summary>
    StillHeld,

    /// <summary>Rejected; the message stays held.</summary>
    Rejected,

    /// <summary>No such conversation.</summary>
    UnknownConversation,

    /// <summary>The conversation has no such held message.</summary>
    UnknownMessage,

    /// <summary>The message is no longer held (released or being released).</summary>
    NotHeld,

    /// <summary>No such override request.</summary>
    UnknownRequest,

    /// <summary>The request was already approved or rejected.</summary>
    AlreadyDecided,

    /// <summary>The supervisor is the agent who asked: nobody approves their own request.</summary>
    OwnRequest,
}
