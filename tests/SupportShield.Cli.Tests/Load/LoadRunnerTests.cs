using SupportShield.Cli.Load;

namespace SupportShield.Cli.Tests.Load;

/// <summary>The load runner's bounds when hosts go away in a long run: it stops once no instance has answered for the stall limit.</summary>
[NonParallelizable]
public sealed class LoadRunnerTests
{
    /// <summary>Only a safety net, so that a regression fails instead of hanging the test run; no timing is asserted.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);

    [Test]
    public async Task RunAsync_WhenTheOnlyHostLocksUpInALongRun_StopsEarly_AndSaysNoInstanceAnswered()
    {
        await using var host = await FakeLoadHost.StartAsync(stopAnsweringAfter: 7);
        using var progress = new StringWriter();

        var report = await new LoadRunner(LongRun(host.BaseAddress), progress).RunAsync().WaitAsync(Hang);

        Assert.Multiple(() =>
        {
            Assert.That(report.Failure, Does.StartWith("no instance answered for 2 s; stopped "));
            Assert.That(report.Failure, Does.Contain($"{host.BaseAddress}: no answer within 0.5 s"));
            Assert.That(report.Seconds, Is.LessThan(LongRun(host.BaseAddress).Duration.TotalSeconds), "it did not run to the end of the hour");
            Assert.That(report.Unanswered, Is.GreaterThan(0));
            Assert.That(report.Clean, Is.False);
        });
    }

    [Test]
    public async Task RunAsync_WhenTheOnlyHostGoesAwayInALongRun_StopsEarly_AndSaysConnectionsAreRefused()
    {
        await using var host = await FakeLoadHost.StartAsync();
        var options = LongRun(host.BaseAddress);
        using var progress = new StringWriter();

        var run = new LoadRunner(options, progress).RunAsync();
        // The stimulus: the host shuts down once it has answered a few requests.
        while (host.Requests < 10)
        {
            await Task.Delay(50);
        }

        await host.DisposeAsync();
        var report = await run.WaitAsync(Hang);

        Assert.Multiple(() =>
        {
            Assert.That(report.Failure, Does.StartWith("no instance answered for 2 s; stopped "));
            Assert.That(report.Failure, Does.Contain($"{host.BaseAddress}: connection refused"));
            Assert.That(report.CustomerTurns, Is.GreaterThan(0));
            Assert.That(report.UncheckedCustomerMessages, Is.EqualTo(report.CustomerTurns), "no transcript could be read afterwards");
            Assert.That(report.Lost, Is.Zero);
        });
    }

    [Test]
    public async Task RunAsync_WhereNothingListens_DoesNotStart()
    {
        var url = new Uri($"http://127.0.0.1:{FakeLoadHost.FreePort()}/");

        var report = await new LoadRunner(LongRun(url), TextWriter.Null).RunAsync().WaitAsync(Hang);

        Assert.Multiple(() =>
        {
            Assert.That(report.Started, Is.False);
            Assert.That(report.Failure, Is.EqualTo($"no instance reachable at {url}: connection refused (1 request failed)"));
            Assert.That(report.Clean, Is.False);
        });
    }

    [Test]
    public async Task RunAsync_RoundsLongerThanTheInterval_ReportHowFarBehindTheTimetableTheyStarted()
    {
        // Each round waits 300 ms for its agent reply, and rounds are due every 100 ms: round k cannot start before 300·k ms
        // although it was due at 100·k ms, so by the second round the run is at least 200 ms behind, whatever the machine.
        await using var host = await FakeLoadHost.StartAsync(agentReplyDelay: TimeSpan.FromMilliseconds(300));
        var options = new LoadOptions([host.BaseAddress], Conversations: 1, Duration: TimeSpan.FromSeconds(1), AgentKey: "load-key", RoundInterval: TimeSpan.FromMilliseconds(100), PersonalDataEvery: 0, Grace: TimeSpan.Zero);

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync().WaitAsync(Hang);

        Assert.That(report.AgentTurns, Is.GreaterThanOrEqualTo(2));
        Assert.That(report.LateStartMaxMilliseconds, Is.GreaterThanOrEqualTo(200));
        Assert.That(report.LateStartP99Milliseconds, Is.LessThanOrEqualTo(report.LateStartMaxMilliseconds));
    }

    [Test]
    public async Task RunAsync_WithoutATimetable_ReportsNoLateness()
    {
        await using var host = await FakeLoadHost.StartAsync();
        var options = new LoadOptions([host.BaseAddress], Conversations: 2, Duration: TimeSpan.FromSeconds(0.5), AgentKey: "load-key", RoundInterval: TimeSpan.Zero, PersonalDataEvery: 0, Grace: TimeSpan.Zero);

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync().WaitAsync(Hang);

        Assert.That(report.AgentTurns, Is.GreaterThan(0));
        Assert.That(report.LateStartMaxMilliseconds, Is.NaN, "with --interval 0 every round starts when the last ends: nothing is late");
    }

    /// <summary>An hour of load that only the stall limit can end early.</summary>
    private static LoadOptions LongRun(Uri url) =>
        new([url], Conversations: 3, Duration: TimeSpan.FromHours(1), AgentKey: "load-key", RoundInterval: TimeSpan.FromMilliseconds(200), PersonalDataEvery: 0, Grace: TimeSpan.Zero)
        {
            RequestTimeout = TimeSpan.FromSeconds(0.5),
            StallLimit = TimeSpan.FromSeconds(2),
        };
}
