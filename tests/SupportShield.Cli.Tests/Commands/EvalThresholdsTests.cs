using System.Text.Json;

namespace SupportShield.Cli.Tests.Commands;

/// <summary>
/// Runs <c>supportshield eval</c> on the development corpora and holds it to the committed bars in
/// <c>eval-thresholds.json</c>, so that a detection regression fails the build.
/// </summary>
[TestFixture]
public sealed class EvalThresholdsTests
{
    private static readonly JsonElement Thresholds =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "eval-thresholds.json"))).RootElement;

    private static string InOutput(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    private static JsonElement Eval(params string[] args)
    {
        var run = CliRun.Of(["eval", .. args, "--json"]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return JsonDocument.Parse(run.Out).RootElement;
    }

    [TestCase("spans")]
    [TestCase("evasion")]
    public void Eval_SpanCorpus_MeetsCommittedThresholds(string section)
    {
        var bars = Thresholds.GetProperty(section);
        var spans = Eval("--corpus", InOutput(bars.GetProperty("corpus").GetString()!)).GetProperty("spans");
        var failures = new List<string>();
        if (bars.TryGetProperty("micro", out var micro))
        {
            Check(failures, "micro", spans.GetProperty("micro"), micro);
        }

        foreach (var type in bars.GetProperty("types").EnumerateObject())
        {
            if (!spans.GetProperty("types").TryGetProperty(type.Name, out var figures))
            {
                failures.Add($"{type.Name}: not scored");
                continue;
            }

            Check(failures, type.Name, figures, type.Value);
        }

        TestContext.Out.WriteLine($"{section}: micro F1 {spans.GetProperty("micro").GetProperty("f1").GetDouble():F3}");
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Eval_Intents_MeetCommittedThresholds()
    {
        var bars = Thresholds.GetProperty("intents");
        var intents = Eval(
            "--corpus", InOutput("Corpora/pii-spans.dev.jsonl"),
            "--intents", InOutput(bars.GetProperty("corpus").GetString()!)).GetProperty("intents");
        var failures = new List<string>();
        foreach (var label in bars.GetProperty("labels").EnumerateObject())
        {
            Check(failures, label.Name, intents.GetProperty("perLabel").GetProperty(label.Name), label.Value);
        }

        var flagged = intents.GetProperty("noneFlaggedShare").GetDouble();
        if (flagged > bars.GetProperty("maxNoneFlaggedShare").GetDouble())
        {
            failures.Add($"NONE flagged share {flagged:F3}");
        }

        Assert.That(failures, Is.Empty);
    }

    private static void Check(List<string> failures, string name, JsonElement figures, JsonElement bars)
    {
        foreach (var bar in bars.EnumerateObject())
        {
            var actual = figures.GetProperty(bar.Name).GetDouble();
            if (actual < bar.Value.GetDouble())
            {
                failures.Add($"{name} {bar.Name} {actual:F3} < {bar.Value.GetDouble():F2}");
            }
        }
    }
}
