using System.Globalization;
using System.Text.Json;
using SupportShield.Cli.Commands;
using SupportShield.Cli.Tests.Load;

namespace SupportShield.Cli.Tests.Commands;

/// <summary>
/// <c>supportshield load</c> against hosts that are not there or stop answering: it ends with the run, names the instance
/// and why, and exits <see cref="ExitCodes.RunFailed"/>; one dead instance of two is failed over as before. (Runs against
/// the real host are in the end-to-end tests.)
/// </summary>
[NonParallelizable]
public sealed class LoadCommandTests
{
    /// <summary>Only a safety net, so that a regression fails instead of hanging the test run; no timing is asserted.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);

    [Test]
    public async Task Load_WhereNothingListens_SaysNoInstanceIsReachable_AndExits3WithoutAReport()
    {
        var port = FakeLoadHost.FreePort();
        var url = $"http://127.0.0.1:{port}";

        var run = await RunAsync("--url", url, "--agent-key", "load-key", "--conversations", "50", "--interval", "0.2", "--seconds", "30", "--warmup", "20");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RunFailed));
            Assert.That(run.Error, Does.Contain($"load: no instance reachable at {url}/: connection refused"));
            Assert.That(run.Error, Does.Not.Contain("warm-up done"), "no conversation was started");
            Assert.That(run.Out, Is.Empty);
        });
    }

    [Test]
    public async Task Load_WhereNothingListensOnAnyInstance_NamesEach_AndReportsTheFailureInJson()
    {
        var (first, second) = ($"http://127.0.0.1:{FakeLoadHost.FreePort()}/", $"http://127.0.0.1:{FakeLoadHost.FreePort()}/");

        var run = await RunAsync("--url", $"{first},{second}", "--agent-key", "load-key", "--seconds", "30", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RunFailed));
        Assert.That(run.Error, Does.Contain($"{first}: connection refused").And.Contain($"{second}: connection refused"));
        using var report = JsonDocument.Parse(run.Out);
        Assert.That(report.RootElement.GetProperty("started").GetBoolean(), Is.False);
        Assert.That(report.RootElement.GetProperty("clean").GetBoolean(), Is.False);
        Assert.That(report.RootElement.GetProperty("failure").GetString(), Does.StartWith("no instance reachable at "));
    }

    [Test]
    public async Task Load_WhenTheOnlyHostStopsAnswering_EndsWithTheRun_SaysSo_AndExits3()
    {
        // The host answers the first few requests (the first is the start-up metrics read), then takes requests and never answers.
        await using var host = await FakeLoadHost.StartAsync(stopAnsweringAfter: 7);

        var run = await RunAsync("--url", host.BaseAddress.ToString(), "--agent-key", "load-key", "--conversations", "3", "--interval", "0.2",
            "--seconds", "2", "--timeout", "1", "--grace", "0", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.RunFailed), run.Error);
        Assert.That(run.Error, Does.Contain($"load: no instance reachable at the end of the run: {host.BaseAddress}: no answer within 1 s"));
        using var report = JsonDocument.Parse(run.Out);
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(host.Requests, Is.GreaterThan(host.StopAnsweringAfter), "the host did lock up during the run");
            Assert.That(root.GetProperty("customerTurns").GetInt64(), Is.GreaterThan(0), "the host answered before it locked up");
            Assert.That(root.GetProperty("unanswered").GetInt64(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("errors").GetInt64(), Is.GreaterThanOrEqualTo(root.GetProperty("unanswered").GetInt64()));
            Assert.That(root.GetProperty("uncheckedCustomerMessages").GetInt64(), Is.EqualTo(root.GetProperty("customerTurns").GetInt64()),
                "accepted messages whose transcripts could not be read are unchecked, not lost");
            Assert.That(root.GetProperty("lost").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("clean").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task Load_WhenOneOfTwoInstancesIsDown_FailsOverToTheOther_AndExits0()
    {
        await using var host = await FakeLoadHost.StartAsync();
        var dead = $"http://127.0.0.1:{FakeLoadHost.FreePort()}/";

        var run = await RunAsync("--url", $"{dead},{host.BaseAddress}", "--agent-key", "load-key", "--conversations", "4", "--interval", "0.2",
            "--seconds", "1", "--timeout", "1", "--grace", "0", "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
        Assert.That(run.Error, Does.Contain($"load: not reachable, its conversations go to the next instance: {dead}: connection refused"));
        using var report = JsonDocument.Parse(run.Out);
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("failovers").GetInt64(), Is.GreaterThan(0), "the dead instance's conversations went to the live one");
            Assert.That(root.GetProperty("errors").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("customerTurns").GetInt64(), Is.GreaterThanOrEqualTo(4));
            Assert.That(root.GetProperty("uncheckedCustomerMessages").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("lost").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("clean").GetBoolean(), Is.True);
        });
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("soon")]
    public void Load_WithABadTimeout_IsAUsageError(string timeout)
    {
        var run = CliRun.Of("load", "--url", "http://127.0.0.1:1", "--agent-key", "k", "--timeout", timeout);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"--timeout must be a number")));
    }

    private static async Task<CliRun> RunAsync(params string[] args) =>
        await Task.Run(() => CliRun.Of(["load", .. args])).WaitAsync(Hang);
}
