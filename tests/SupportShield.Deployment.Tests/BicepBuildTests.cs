using SupportShield.Deployment.Tests.Support;

namespace SupportShield.Deployment.Tests;

/// <summary>The Bicep source compiles, lints clean and matches the committed ARM JSON.</summary>
public sealed class BicepBuildTests
{
    [Test]
    public async Task Build_Succeeds_AndEqualsCommittedMainJson()
    {
        var result = await BicepCli.RunAsync(BicepCli.TemplatesDirectory, "build", "main.bicep", "--stdout");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var committed = await File.ReadAllTextAsync(Path.Combine(BicepCli.TemplatesDirectory, "main.json"));
        Assert.That(
            Normalise(result.StandardOutput),
            Is.EqualTo(Normalise(committed)),
            "deploymentTemplates/main.json is stale: rebuild it with `bicep build deploymentTemplates/main.bicep` (Bicep CLI 0.49.2).");
    }

    [Test]
    public async Task Lint_ReportsNoWarningsOrErrors()
    {
        var result = await BicepCli.RunAsync(BicepCli.TemplatesDirectory, "lint", "main.bicep");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain("Warning").And.Not.Contain("Error"), result.ToString());
        });
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
