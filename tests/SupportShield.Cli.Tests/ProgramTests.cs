namespace SupportShield.Cli.Tests;

[TestFixture]
public sealed class ProgramTests
{
    [Test]
    public void Run_NoArguments_PrintsUsageToStderrAndExits2()
    {
        var run = CliRun.Of();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("Usage: supportshield <command>"));
            Assert.That(run.Out, Is.Empty);
        });
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Run_Help_ListsEveryCommandAndExits0(string flag)
    {
        var run = CliRun.Of(flag);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            foreach (var command in new[] { "scan", "explain", "eval", "rules", "bench" })
            {
                Assert.That(run.Out, Does.Contain($"  {command} "));
            }
        });
    }

    [TestCase("scan", "Usage: supportshield scan")]
    [TestCase("explain", "Usage: supportshield explain")]
    [TestCase("eval", "Usage: supportshield eval")]
    [TestCase("rules", "Usage: supportshield rules validate")]
    [TestCase("bench", "Usage: supportshield bench")]
    public void Run_CommandHelp_PrintsItsUsageAndExits0(string command, string usage)
    {
        var run = CliRun.Of(command, "--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Out, Does.StartWith(usage));
        });
    }

    [Test]
    public void Run_UnknownCommand_Exits2()
    {
        var run = CliRun.Of("frobnicate");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("unknown command 'frobnicate'"));
        });
    }

    [TestCase("scan", "--bogus")]
    [TestCase("scan", "extra")]
    [TestCase("explain")]
    [TestCase("explain", "a", "b")]
    [TestCase("explain", "hi", "--role", "robot")]
    [TestCase("eval")]
    [TestCase("eval", "--corpus")]
    [TestCase("eval", "--corpus", "/nonexistent/supportshield/corpus.jsonl")]
    [TestCase("bench")]
    [TestCase("bench", "--corpus", "/nonexistent/supportshield/corpus.jsonl")]
    [TestCase("rules")]
    [TestCase("rules", "check", "file.yaml")]
    public void Run_BadArguments_ReportsOnStderrAndExits2(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.StartWith($"supportshield {args[0]}: "));
            Assert.That(run.Error, Does.Contain($"supportshield {args[0]} --help"));
        });
    }
}
