using System.Diagnostics;
using System.Text.Json;
using SupportShield.Bot.BotFramework;
using SupportShield.EndToEnd.Tests.Browser;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.DirectLine;

/// <summary>The embedded Direct Line driven by the npm botframework-directlinejs client (the one Web Chat uses), from Node.</summary>
[NonParallelizable]
public sealed class DirectLineJsClientTests
{
    [Test]
    public async Task DirectLineJs_StartsPostsAndGetsTheBotsReplyOverTheStream_AndTheWatermarkResumes()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();

        var lines = await RunClientAsync(dl.Domain.ToString(), token, "hello from directlinejs");
        var activities = lines.Where(l => l.GetProperty("kind").GetString() == "activity").Select(l => l.GetProperty("activity")).ToList();
        var frames = lines.Where(l => l.GetProperty("kind").GetString() == "frame").ToList();
        var posted = lines.Single(l => l.GetProperty("kind").GetString() == "posted").GetProperty("id").GetString();
        var watermark = lines.Single(l => l.GetProperty("kind").GetString() == "done").GetProperty("watermark").GetString();
        var afterWatermark = await dl.ActivitiesAsync(conversation, token, watermark);
        await dl.SayAsync(conversation, token, "one more");
        var resumed = await dl.ActivitiesAsync(conversation, token, watermark);

        var reply = activities.Single(a => DirectLineTestClient.Text(a) == SupportShieldBot.Acknowledgement);
        Assert.That(reply.GetProperty("replyToId").GetString(), Is.EqualTo(posted));
        Assert.That(reply.GetProperty("conversation").GetProperty("id").GetString(), Is.EqualTo(conversation));
        Assert.That(activities.Select(DirectLineTestClient.Text), Does.Contain(SupportShieldBot.Greeting).And.Contain("hello from directlinejs"));
        Assert.That(frames.Sum(f => f.GetProperty("activities").GetInt32()), Is.GreaterThanOrEqualTo(activities.Count), "every activity came over the WebSocket stream");
        Assert.That(watermark, Is.EqualTo(frames[^1].GetProperty("watermark").GetString()));
        Assert.That(afterWatermark.Activities, Is.Empty);
        Assert.That(resumed.Activities.Select(DirectLineTestClient.Text), Does.Contain("one more").And.Not.Contain("hello from directlinejs"));
    }

    /// <summary>Runs <c>node DirectLineClient/client.js DOMAIN TOKEN TEXT</c> and returns its JSON lines.</summary>
    private static async Task<List<JsonElement>> RunClientAsync(string domain, string token, string text)
    {
        var script = Path.Combine(BrowserSession.RepositoryRoot(), "tests", "SupportShield.EndToEnd.Tests", "DirectLineClient", "client.js");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        foreach (var argument in new[] { script, domain.TrimEnd('/'), token, text })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await output;
        Assert.That(process.ExitCode, Is.Zero, $"node client.js failed: {await errors}\n{stdout}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }
}
