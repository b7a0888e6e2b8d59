namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class RulesCommandTests
{
    [Test]
    public void Execute_Validate_FailsClearlyUntilSupported()
    {
        var run = CliRun.Of("rules", "validate", "custom.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Error, Does.Contain("rules files are not supported yet (custom.yaml)"));
        });
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
