using System.Net;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class HealthTests
{
    [Test]
    public async Task Healthz_AndReadyz_ReportTheDatabaseAndTheMailServer()
    {
        await using var s = await EndToEndScenario.StartAsync();

        using var live = await s.Host.Channel.GetAsync("healthz");
        using var ready = await s.Host.Channel.GetAsync("readyz");
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(checks.GetProperty("database").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(checks.GetProperty("smtp").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Readyz_MailServerUnreachable_IsDegradedButServes()
    {
        await using var s = await EndToEndScenario.StartAsync(settings =>
            settings["SupportShield:Email:Smtp:Port"] = SupportShield.Testing.LoopbackSmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var ready = await s.Host.Channel.GetAsync("readyz");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(body.GetProperty("checks").GetProperty("smtp").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
    }
}
