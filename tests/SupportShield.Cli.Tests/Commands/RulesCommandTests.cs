namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class RulesCommandTests
{
    [Test]
    public void Execute_ValidateValidFile_Exits0AndSaysValid()
    {
        using var rules = new TempFile("policy:\n  - id: out.hold\n    direction: outgoing\n    action: hold\n    reason: held\n");
        var file = rules.Path;

        var run = CliRun.Of("rules", "validate", file);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.Contain("valid").And.Contain("1 policy rows"));
    }

    [Test]
    public void Execute_ValidateBrokenFile_Exits1AndNamesTheLine()
    {
        using var rules = new TempFile("policy:\n  - id: a\n    action: hold\n    reason: r\n    tipes: [PHONE]\n");
        var file = rules.Path;

        var run = CliRun.Of("rules", "validate", file);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Out, Does.Contain("line 5").And.Contain("tipes"));
    }

    [Test]
    public void Execute_ValidateMissingFile_Exits2()
    {
        var run = CliRun.Of("rules", "validate", "no-such-rules.yaml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot read the rules file no-such-rules.yaml"));
    }

    [Test]
    public void Execute_ValidateWithoutFile_Exits2()
    {
        var run = CliRun.Of("rules", "validate");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("missing the rules file"));
        });
    }
}
