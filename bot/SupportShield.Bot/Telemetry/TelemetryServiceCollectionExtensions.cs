using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupportShield.Middleware.Telemetry;

namespace SupportShield.Bot.Telemetry;

/// <summary>Registers OpenTelemetry metrics and traces: the <c>SupportShield</c> meter and activity source, ASP.NET Core instrumentation, Prometheus and optional OTLP export.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The .NET runtime's built-in meter: <c>dotnet.gc.*</c>, <c>dotnet.thread_pool.*</c>, <c>dotnet.monitor.lock_contentions</c>.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>Npgsql's meter: <c>db.client.connection.*</c> and command metrics of the PostgreSQL storage.</summary>
    public const string NpgsqlMeter = "Npgsql";

    /// <summary>
    /// Adds <see cref="SupportShieldMetrics"/> and OpenTelemetry with a Prometheus exporter (map it with
    /// <c>MapPrometheusScrapingEndpoint("/metrics")</c>), and, when <c>SupportShield:Telemetry:OtlpEndpoint</c> is set, OTLP export of the metrics and of
    /// the traces (recorded only then).
    /// </summary>
    public static IServiceCollection AddSupportShieldTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = OtlpEndpoint(options);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName));

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SupportShieldMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(SupportShieldTelemetry.Name))
            .WithMetrics(metrics =>
            {
                // Beside SupportShield's own: the runtime's (garbage collection pauses, thread-pool queue, lock
                // contention) and the PostgreSQL driver's (connections busy and idle, requests waiting for one, command
                // durations), the first places to look when the time the middleware adds grows under load.
                metrics.AddMeter(SupportShieldTelemetry.Name, RuntimeMeter, NpgsqlMeter)
                    .AddAspNetCoreInstrumentation().AddPrometheusExporter();

                // Fine buckets below 10 ms: the time the middleware adds is a few milliseconds at most, and the load
                // command reads its percentiles from these buckets.
                metrics.AddView("supportshield.middleware.duration", new ExplicitBucketHistogramConfiguration
                {
                    Boundaries = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7.5, 10, 12.5, 15, 20, 25, 50, 100, 250, 500, 1000, 5000],
                });
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });

        // Traces only go somewhere over OTLP: without a collector, recording a span for every request is work for nobody.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(SupportShieldTelemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return services;
    }

    /// <summary>The OTLP endpoint, null when none is set; a value that is not an absolute http(s) address stops the host.</summary>
    private static Uri? OtlpEndpoint(TelemetryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException("SupportShield:Telemetry:OtlpEndpoint must be an absolute http or https address, for example http://localhost:4317.");
        }

        return uri;
    }
}
