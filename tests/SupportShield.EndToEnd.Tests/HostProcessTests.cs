using System.Net;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>The host as its own process: it starts from the build output, answers, and a kill stops it outright.</summary>
[NonParallelizable]
public sealed class HostProcessTests
{
    [Test]
    public async Task Process_Starts_Answers_AndIsGoneAfterAKill()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string>
            {
                ["SupportShield:Storage:SqlitePath"] = Path.Combine(folder, "db.sqlite"),
            });
            using var http = new HttpClient { BaseAddress = host.BaseAddress };

            using var ready = await http.GetAsync("readyz");
            await host.KillAsync();

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(host.HasExited, Is.True);
            Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("healthz"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
