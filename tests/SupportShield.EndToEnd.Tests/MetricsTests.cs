using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>The Prometheus scrape endpoint of the real host.</summary>
[NonParallelizable]
public sealed partial class MetricsTests
{
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";

    [Test]
    public async Task Metrics_AfterAnAgentReplyIsHeld_CountsItWithoutPersonalData()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-metrics";
        await s.CustomerSaysAsync(conversation, "Hello, I have a question about my account");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var held = await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"));

        // The exporter may serve a cached scrape for a moment: poll with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        double heldCount;
        while (true)
        {
            using var response = await s.Host.Channel.GetAsync("metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            body = await response.Content.ReadAsStringAsync();
            heldCount = Sample(body, "supportshield_messages_held_total", "sender=\"agent\"");
            if (heldCount >= 1 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        TestContext.Out.WriteLine(string.Join('\n', body.Split('\n').Where(l => l.Contains("supportshield", StringComparison.Ordinal))));
        Assert.That(heldCount, Is.GreaterThanOrEqualTo(1), body);
        Assert.That(Sample(body, "supportshield_messages_screened_total", "direction=\"outgoing\",sender=\"agent\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(Sample(body, "supportshield_messages_screened_total", "direction=\"incoming\",sender=\"customer\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(body, Does.Contain("supportshield_middleware_duration_milliseconds_count"));
        Assert.That(body, Does.Contain("http_server_request_duration_seconds"));

        // The runtime's own meter, where a growing added latency is first explained (collections, pauses, thread pool).
        Assert.That(Sample(body, "dotnet_gc_heap_total_allocated_bytes_total", string.Empty), Is.GreaterThan(0));
        Assert.That(body, Does.Contain("dotnet_gc_pause_time_seconds_total").And.Contain("dotnet_thread_pool_queue_length"));
        Assert.That(body, Does.Not.Contain("Evergreen").And.Not.Contain("97403").And.Not.Contain(conversation).And.Not.Contain("acct-1001"));
    }

    /// <summary>The value of the sample of <paramref name="metric"/> whose labels contain <paramref name="labels"/>; 0 when there is none.</summary>
    private static double Sample(string body, string metric, string labels)
    {
        foreach (Match match in SampleLine().Matches(body))
        {
            if (match.Groups["name"].Value == metric && match.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
