using System.Text.Json;

namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class EvalCommandTests
{
    // Expected figures, worked out by hand:
    //   1 EMAIL gold, found                                  EMAIL tp
    //   2 two emails, only the first labelled                EMAIL tp + fp
    //   3 EMAIL gold on "hello", nothing to find there       EMAIL fn
    //   4 card labelled                                      CREDIT_CARD tp
    //   5 card not labelled                                  CREDIT_CARD fp
    //   6 email labelled PHONE (wrong type)                  PHONE fn + EMAIL fp
    // EMAIL tp 2 fp 2 fn 1: P 1/2, R 2/3, F1 4/7, F2 5/8. CREDIT_CARD tp 1 fp 1 fn 0: P 1/2, R 1, F1 2/3, F2 5/6.
    // PHONE tp 0 fp 0 fn 1: all 0. Micro tp 3 fp 3 fn 2: P 1/2, R 3/5, F1 6/11, F2 15/26.
    private const string SpanCorpus = """
        {"id": "1", "text": "write to jo@example.com", "spans": [{"start": 9, "end": 23, "type": "EMAIL"}]}
        {"id": "2", "text": "mail bob@example.org or ann@example.net", "spans": [{"start": 5, "end": 20, "type": "EMAIL"}]}
        {"id": "3", "text": "hello there", "spans": [{"start": 0, "end": 5, "type": "EMAIL"}]}
        {"id": "4", "text": "card 4111 1111 1111 1111", "spans": [{"start": 5, "end": 24, "type": "CREDIT_CARD"}]}

        {"id": "5", "text": "my card is 5555 5555 5555 4444", "spans": []}
        {"id": "6", "text": "ping zed@example.com", "spans": [{"start": 5, "end": 20, "type": "PHONE"}]}
        """;

    // Customer turns: REQUEST_PII->REQUEST_PII, NONE->REQUEST_PII, NONE->NONE, CHANGE_CONTACT->NONE; the agent turn is skipped.
    private const string IntentCorpus = """
        {"id": "c1", "role": "customer", "text": "what is my email address on file?", "label": "REQUEST_PII"}
        {"id": "c2", "role": "customer", "text": "what is my phone number on file?", "label": "NONE"}
        {"id": "a1", "role": "agent", "text": "what is your email address?", "label": "NONE"}
        {"id": "c3", "role": "customer", "text": "thanks, bye", "label": "NONE"}
        {"id": "c4", "role": "customer", "text": "thanks a lot", "label": "CHANGE_CONTACT"}
        """;

    private static void AssertFigures(JsonElement counts, double precision, double recall, double f1, double f2)
    {
        Assert.That(counts.GetProperty("precision").GetDouble(), Is.EqualTo(precision).Within(1e-9), "precision");
        Assert.That(counts.GetProperty("recall").GetDouble(), Is.EqualTo(recall).Within(1e-9), "recall");
        Assert.That(counts.GetProperty("f1").GetDouble(), Is.EqualTo(f1).Within(1e-9), "f1");
        Assert.That(counts.GetProperty("f2").GetDouble(), Is.EqualTo(f2).Within(1e-9), "f2");
    }

    [Test]
    public void Execute_TinyCorpusJson_ExactFigures()
    {
        using var corpus = new TempFile(SpanCorpus);

        var run = CliRun.Of("eval", "--corpus", corpus.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var spans = JsonDocument.Parse(run.Out).RootElement.GetProperty("spans");
        var types = spans.GetProperty("types");
        Assert.Multiple(() =>
        {
            Assert.That(spans.GetProperty("lines").GetInt32(), Is.EqualTo(6));
            Assert.That(types.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "CREDIT_CARD", "EMAIL", "PHONE" }));
            Assert.That(types.GetProperty("EMAIL").GetProperty("truePositives").GetInt32(), Is.EqualTo(2));
            Assert.That(types.GetProperty("EMAIL").GetProperty("falsePositives").GetInt32(), Is.EqualTo(2));
            Assert.That(types.GetProperty("EMAIL").GetProperty("falseNegatives").GetInt32(), Is.EqualTo(1));
            AssertFigures(types.GetProperty("EMAIL"), 1.0 / 2, 2.0 / 3, 4.0 / 7, 5.0 / 8);
            AssertFigures(types.GetProperty("CREDIT_CARD"), 1.0 / 2, 1, 2.0 / 3, 5.0 / 6);
            AssertFigures(types.GetProperty("PHONE"), 0, 0, 0, 0);
            AssertFigures(spans.GetProperty("micro"), 1.0 / 2, 3.0 / 5, 6.0 / 11, 15.0 / 26);
        });
    }

    [Test]
    public void Execute_TinyCorpusText_PrintsRowsPerTypeAndMicro()
    {
        using var corpus = new TempFile(SpanCorpus);

        var run = CliRun.Of("eval", "--corpus", corpus.Path);

        var email = run.OutLines.Single(l => l.StartsWith("EMAIL ", StringComparison.Ordinal));
        var micro = run.OutLines.Single(l => l.StartsWith("MICRO ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(run.OutLines[1], Does.Contain(" P ").And.Contain(" R ").And.Contain(" F1 ").And.EndsWith(" F2"));
            Assert.That(email.Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "EMAIL", "3", "4", "2", "2", "1", "0.500", "0.667", "0.571", "0.625" }));
            Assert.That(micro.Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "MICRO", "5", "6", "3", "3", "2", "0.500", "0.600", "0.545", "0.577" }));
        });
    }

    [Test]
    public void Execute_IntentCorpus_ConfusionMatrixOverCustomerTurns()
    {
        using var corpus = new TempFile(SpanCorpus);
        using var intents = new TempFile(IntentCorpus);

        var run = CliRun.Of("eval", "--corpus", corpus.Path, "--intents", intents.Path, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var result = JsonDocument.Parse(run.Out).RootElement.GetProperty("intents");
        var matrix = result.GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        var perLabel = result.GetProperty("perLabel");
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("turns").GetInt32(), Is.EqualTo(4));
            Assert.That(result.GetProperty("labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(new[] { "REQUEST_PII", "CHANGE_CONTACT", "PROVIDE_PII", "NONE" }));
            Assert.That(matrix[0], Is.EqualTo(new[] { 1, 0, 0, 0 }));
            Assert.That(matrix[1], Is.EqualTo(new[] { 0, 0, 0, 1 }));
            Assert.That(matrix[2], Is.EqualTo(new[] { 0, 0, 0, 0 }));
            Assert.That(matrix[3], Is.EqualTo(new[] { 1, 0, 0, 1 }));
            Assert.That(perLabel.GetProperty("REQUEST_PII").GetProperty("precision").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
            Assert.That(perLabel.GetProperty("REQUEST_PII").GetProperty("recall").GetDouble(), Is.EqualTo(1.0).Within(1e-9));
            Assert.That(perLabel.GetProperty("NONE").GetProperty("precision").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
            Assert.That(perLabel.GetProperty("CHANGE_CONTACT").GetProperty("recall").GetDouble(), Is.EqualTo(0.0));
            Assert.That(result.GetProperty("noneFlaggedShare").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
        });
    }

    [Test]
    public void Execute_IntentCorpusText_PrintsMatrixAndNoneShare()
    {
        using var corpus = new TempFile(SpanCorpus);
        using var intents = new TempFile(IntentCorpus);

        var run = CliRun.Of("eval", "--corpus", corpus.Path, "--intents", intents.Path);

        Assert.Multiple(() =>
        {
            Assert.That(run.Out, Does.Contain("Intents: 4 customer turns (rows gold, columns predicted)"));
            Assert.That(run.OutLines.Single(l => l.StartsWith("NONE ", StringComparison.Ordinal) && !l.Contains('.', StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "NONE", "1", "0", "0", "1" }));
            Assert.That(run.Out, Does.Contain("NONE flagged as something else: 0.500"));
        });
    }

    [Test]
    public void Execute_MalformedCorpusLines_ReportedSkippedAndExit1()
    {
        using var corpus = new TempFile("""
            {"id": "1", "text": "write to jo@example.com", "spans": [{"start": 9, "end": 23, "type": "EMAIL"}]}
            not json
            {"id": "3", "text": "short", "spans": [{"start": 2, "end": 40, "type": "EMAIL"}]}
            """);

        var run = CliRun.Of("eval", "--corpus", corpus.Path, "--json");

        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(errors, Has.Length.EqualTo(2));
            Assert.That(errors[0], Does.Contain("line 2: not valid JSON"));
            Assert.That(errors[1], Does.Contain("line 3: span [2, 40) is outside the text"));
            Assert.That(JsonDocument.Parse(run.Out).RootElement.GetProperty("spans").GetProperty("lines").GetInt32(), Is.EqualTo(1));
        });
    }
}
