using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.OpsConsole;
using SupportShield.Bot.Rules;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Rules;

namespace SupportShield.Bot.Tests.OpsConsole;

public sealed class RulesDryRunTests
{
    [Test]
    public void Parse_BadLines_ReportsEachWithItsNumberAndNoContent()
    {
        var corpus = "{\"id\":\"a\",\"text\":\"hello\"}\n\nnot json 555-0142\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"x\",\"role\":\"alien\"}\n";

        var (lines, errors, problem) = RulesDryRun.Parse(corpus);

        Assert.That(lines, Is.Empty);
        Assert.That(problem, Is.Not.Null);
        Assert.That(errors.Select(e => e.Line), Is.EqualTo(new[] { 3, 4, 5 }));
        Assert.That(errors.Select(e => e.Message), Has.None.Contain("555"));
        Assert.That(errors[1].Message, Does.Contain("\"text\""));
    }

    [Test]
    public void Parse_TooManyLines_IsRefused()
    {
        var corpus = string.Concat(Enumerable.Repeat("{\"id\":\"a\",\"text\":\"hi\"}\n", RulesDryRun.MaxCorpusLines + 1));

        var (_, _, problem) = RulesDryRun.Parse(corpus);

        Assert.That(problem, Does.Contain("more than 20000 lines"));
    }

    [Test]
    public void Run_CandidateTurningEmailOff_ListsTheReleasedLineWithAMaskedPreview()
    {
        using var provider = new RulesProvider(Options.Create(new RulesOptions()), new CustomerIntentClassifier(), NullLogger<RulesProvider>.Instance, TimeProvider.System);
        var candidateText = RulesLoader.DefaultYaml.Replace("  EMAIL: { enabled: true }", "  EMAIL: { enabled: false }", StringComparison.Ordinal);
        var candidate = RulesLoader.Load(candidateText, "candidate").Rules!.CreateEngine();
        var (lines, errors, problem) = RulesDryRun.Parse(
            "{\"id\":\"m1\",\"text\":\"Your email on file is jane.doe@example.com\",\"role\":\"agent\"}\n" +
            "{\"id\":\"m2\",\"text\":\"Thanks for waiting\",\"role\":\"agent\"}\n");
        Assert.That(errors, Is.Empty);
        Assert.That(problem, Is.Null);

        var result = new RulesDryRun(provider).Run(lines, candidate, candidateText, CancellationToken.None);

        Assert.That(result.Lines, Is.EqualTo(2));
        Assert.That(result.Changed, Is.EqualTo(1));
        Assert.That(result.NewlyReleased, Is.EqualTo(1));
        Assert.That(result.NewlyHeld, Is.EqualTo(0));
        var change = result.Changes.Single();
        Assert.That(change.Id, Is.EqualTo("m1"));
        Assert.That(change.Line, Is.EqualTo(1));
        Assert.That(change.Before.Action, Is.EqualTo("hold"));
        Assert.That(change.Before.Types, Does.Contain("EMAIL"));
        Assert.That(change.After.Action, Is.EqualTo("allow"));
        Assert.That(change.Preview, Does.Contain("<EMAIL>").And.Not.Contain("jane"));
        Assert.That(result.CandidateSha256, Is.EqualTo(RulesText.Sha256(candidateText)));
    }
}
