using System.Diagnostics;

namespace SupportShield.Middleware.Telemetry;

/// <summary>The names under which SupportShield publishes metrics and traces, and its <see cref="ActivitySource"/>.</summary>
public static class SupportShieldTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and of the <see cref="ActivitySource"/>.</summary>
    public const string Name = "SupportShield";

    /// <summary>The span around screening a customer's message.</summary>
    public const string ScreenIncomingSpan = "supportshield.screen.incoming";

    /// <summary>The span around screening one outgoing activity.</summary>
    public const string ScreenOutgoingSpan = "supportshield.screen.outgoing";

    /// <summary>The source of SupportShield's spans. Their tags name decisions and entity types, never values.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);
}
