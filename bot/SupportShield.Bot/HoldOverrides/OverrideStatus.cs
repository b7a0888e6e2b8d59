namespace SupportShield.Bot.HoldOverrides;

/// <summary>Where an override request is.</summary>
public enum OverrideStatus
{
    /// <summary>Waiting for a supervisor.</summary>
    Pending,

    /// <summary>A supervisor approved it; the held message was sent through the middleware.</summary>
    Approved,

    /// <summary>A supervisor rejected it; the message stays held.</summary>
    Rejected,
}
