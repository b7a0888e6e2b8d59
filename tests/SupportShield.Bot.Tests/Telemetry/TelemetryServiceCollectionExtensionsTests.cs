using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SupportShield.Bot.Telemetry;
using SupportShield.Middleware.Telemetry;

namespace SupportShield.Bot.Tests.Telemetry;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [TestCase("not a url")]
    [TestCase("ftp://collector:4317")]
    public void AddSupportShieldTelemetry_BadOtlpEndpoint_StopsTheHost(string endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Telemetry:OtlpEndpoint"] = endpoint }).Build();

        Assert.That(
            () => new ServiceCollection().AddSupportShieldTelemetry(configuration),
            Throws.InvalidOperationException.With.Message.Contains("SupportShield:Telemetry:OtlpEndpoint"));
    }

    [TestCase(null)]
    [TestCase("http://localhost:4317")]
    public void AddSupportShieldTelemetry_RegistersMetricsOnTheSupportShieldMeter(string? endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Telemetry:OtlpEndpoint"] = endpoint }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSupportShieldTelemetry(configuration).BuildServiceProvider();

        var metrics = provider.GetRequiredService<SupportShieldMetrics>();

        Assert.That(metrics.Meter.Name, Is.EqualTo("SupportShield"));
        Assert.That(provider.GetRequiredService<SupportShieldMetrics>(), Is.SameAs(metrics));
    }

    [TestCase(null, false)]
    [TestCase("http://localhost:4317", true)]
    public void AddSupportShieldTelemetry_RecordsTraces_OnlyWhenTheyAreExported(string? endpoint, bool traced)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Telemetry:OtlpEndpoint"] = endpoint }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSupportShieldTelemetry(configuration).BuildServiceProvider();

        Assert.That(provider.GetService<TracerProvider>() is not null, Is.EqualTo(traced));
    }
}
