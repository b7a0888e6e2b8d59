namespace SupportShield.Bot.Idempotency;

/// <summary>Idempotency settings, bound from <c>SupportShield:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "SupportShield:Idempotency";

    /// <summary>
    /// How long a request holds an idempotency key before a retry may take it over (its instance is presumed dead). Must
    /// be longer than a send can take (the channel's time-out). Default 1 minute.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
}
