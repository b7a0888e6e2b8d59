using SupportShield.Cli.Commands;
using SupportShield.Cli.Load;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary><c>supportshield load</c> against the real host: conversations run, addresses are held, nothing is lost.</summary>
[NonParallelizable]
public sealed class LoadCommandTests
{
    [Test]
    public async Task Load_AgainstTheHost_CountsTurnsHoldsAddressesAndLosesNothing()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var options = new LoadOptions(
            [s.Host.BaseAddress],
            Conversations: 4,
            Duration: TimeSpan.FromSeconds(2),
            AgentKey: BotHost.AgentKey,
            RoundInterval: TimeSpan.FromMilliseconds(200),
            PersonalDataEvery: 2,
            Grace: TimeSpan.FromSeconds(10));
        using var progress = new StringWriter();

        var report = await new LoadRunner(options, progress).RunAsync();

        Assert.That(report.CustomerTurns, Is.GreaterThanOrEqualTo(4 * 2));
        Assert.That(report.AgentTurns, Is.EqualTo(report.CustomerTurns));
        Assert.That(report.Held, Is.GreaterThanOrEqualTo(4), "every second agent reply holds an address");
        Assert.That(report.Delivered, Is.EqualTo(report.AgentTurns - report.Held - report.Redacted));
        Assert.That(report.Errors, Is.Zero);
        Assert.That(report.Lost, Is.Zero);
        Assert.That(report.Duplicated, Is.Zero);
        Assert.That(report.Leaked, Is.Zero);
        Assert.That(report.MiddlewareSamples, Is.GreaterThanOrEqualTo(report.CustomerTurns + report.AgentTurns), "the host's histogram was read before and after");
        Assert.That(report.MiddlewareP99Milliseconds, Is.GreaterThan(0));
        Assert.That(report.TurnsPerSecond, Is.GreaterThan(0));
    }

    [Test]
    public async Task Load_WhenAnInstanceIsUnreachable_FailsOverToTheOther()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var dead = new Uri("http://127.0.0.1:9/");
        var options = new LoadOptions([dead, s.Host.BaseAddress], 2, TimeSpan.FromSeconds(1), BotHost.AgentKey, TimeSpan.FromMilliseconds(200), 0, TimeSpan.FromSeconds(10));

        var report = await new LoadRunner(options, TextWriter.Null).RunAsync();

        Assert.That(report.Failovers, Is.GreaterThan(0));
        Assert.That(report.Errors, Is.Zero);
        Assert.That(report.Clean, Is.True);
        Assert.That(report.UnreadInstances, Is.EqualTo(new[] { dead.ToString() }));
    }

    [Test]
    public async Task LoadCommand_WithAWarmUp_RunsItFirst_AndCountsOnlyTheMeasuredRun()
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exit = await Task.Run(() => new LoadCommand().Execute(
            ["--url", s.Host.BaseAddress.ToString(), "--agent-key", BotHost.AgentKey, "--conversations", "2", "--seconds", "1", "--interval", "0.2", "--warmup", "1", "--json"],
            new CommandIo(TextReader.Null, output, progress)));

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), progress.ToString());
        Assert.That(progress.ToString(), Does.Contain("warm-up done, measuring"));
        using var report = System.Text.Json.JsonDocument.Parse(output.ToString());
        var turns = report.RootElement.GetProperty("customerTurns").GetInt64() + report.RootElement.GetProperty("agentTurns").GetInt64();
        var samples = report.RootElement.GetProperty("middlewareSamples").GetInt64();
        Assert.That(turns, Is.GreaterThan(0));
        Assert.That(samples, Is.InRange(turns / 2, turns + 6), "about one screening a turn (a round may straddle the start): the warm-up's are not in the measured figures");
    }
}
