namespace SupportShield.Bot.Telemetry;

/// <summary>Settings under <c>SupportShield:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "SupportShield:Telemetry";

    /// <summary>
    /// An OTLP collector (for example <c>http://localhost:4317</c>) to export metrics and traces to as well as the
    /// Prometheus endpoint; empty (the default) exports nothing over OTLP.
    /// </summary>
    public string? OtlpEndpoint { get; set; }
}
