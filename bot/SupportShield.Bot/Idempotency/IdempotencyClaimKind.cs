namespace SupportShield.Bot.Idempotency;

/// <summary>What a claim of an idempotency key found.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>The caller holds the key now (new, or taken over after the last holder's lease ran out) and does the work.</summary>
    Claimed,

    /// <summary>The work was done; its stored answer is replayed.</summary>
    Completed,

    /// <summary>The channel accepted the message, but the instance that sent it stopped before it finished recording; it is not sent again.</summary>
    Sent,

    /// <summary>Another request (on this or another instance) holds the key and its lease has not run out: try again later.</summary>
    InProgress,
}
