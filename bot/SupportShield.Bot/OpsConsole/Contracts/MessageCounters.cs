namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>Messages of a period.</summary>
/// <param name="Screened">Customer messages received plus outgoing messages decided (delivered, redacted, held or blocked).</param>
/// <param name="Held">Outgoing messages held (a release that is held again counts again).</param>
/// <param name="Redacted">Outgoing messages delivered with redactions.</param>
/// <param name="Released">Held messages delivered (after verification or a supervisor's approval).</param>
/// <param name="Blocked">Outgoing messages blocked.</param>
public sealed record MessageCounters(long Screened, long Held, long Redacted, long Released, long Blocked);
