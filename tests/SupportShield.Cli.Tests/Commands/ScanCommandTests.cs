using System.Text.Json;

namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class ScanCommandTests
{
    private static string Line(object message) => JsonSerializer.Serialize(message);

    private static JsonElement[] Results(CliRun run) =>
        run.OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    private static string[] Spans(JsonElement result, string text) =>
        result.GetProperty("findings").EnumerateArray()
            .Select(f => text[f.GetProperty("start").GetInt32()..f.GetProperty("end").GetInt32()])
            .ToArray();

    [Test]
    public void Execute_NonAsciiAndCrLfText_OffsetsIndexTheOriginalText()
    {
        const string first = "Grüße aus Köln 😀 — écrivez à zoe.muller@example.com";
        const string second = "Karte:\r\n4111 1111 1111 1111\r\nDanke ✓";
        var input = Line(new { id = "m1", text = first }) + "\r\n" + Line(new { id = "m2", text = second }) + "\r\n";

        var run = CliRun.WithInput(input, "scan");

        var results = Results(run);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Error, Is.Empty);
            Assert.That(results.Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "m1", "m2" }));
            Assert.That(Spans(results[0], first), Does.Contain("zoe.muller@example.com"));
            Assert.That(Spans(results[1], second), Does.Contain("4111 1111 1111 1111"));
            Assert.That(results[1].GetProperty("findings")[0].GetProperty("type").GetString(), Is.EqualTo("CREDIT_CARD"));
        });
    }

    [Test]
    public void Execute_Finding_HasEveryOutputField()
    {
        var run = CliRun.WithInput(Line(new { id = "x", text = "write to jo@example.com" }), "scan");

        var finding = Results(run).Single().GetProperty("findings").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.GetProperty("type").GetString(), Is.EqualTo("EMAIL"));
            Assert.That(finding.GetProperty("start").GetInt32(), Is.EqualTo(9));
            Assert.That(finding.GetProperty("end").GetInt32(), Is.EqualTo(23));
            Assert.That(finding.GetProperty("score").GetDouble(), Is.InRange(0.5, 1.0));
            Assert.That(finding.GetProperty("rule").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public void Execute_MalformedLine_ReportedWithLineNumberAndOtherLinesScanned()
    {
        var input = string.Join('\n',
            Line(new { id = "a", text = "hello" }),
            "{not json",
            Line(new { id = "c", text = "mail jo@example.com" }),
            string.Empty,
            Line(new { id = "e" }),
            Line(new { id = "f", text = "bye" }));

        var run = CliRun.WithInput(input, "scan");

        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(Results(run).Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "a", "c", "f" }));
            Assert.That(errors, Has.Length.EqualTo(2));
            Assert.That(errors[0], Does.StartWith("line 2: "));
            Assert.That(errors[1], Does.StartWith("line 5: ").And.Contain("\"text\""));
        });
    }

    [TestCase("{\"id\": \"x\", \"text\": \"hi\", \"role\": \"robot\"}", "role")]
    [TestCase("{\"id\": 7, \"text\": \"hi\"}", "\"id\"")]
    [TestCase("{\"id\": \"x\", \"text\": \"hi\", \"account\": {\"dateOfBirth\": \"03/02/1980\"}}", "dateOfBirth")]
    [TestCase("{\"id\": \"x\", \"text\": \"hi\", \"account\": \"acct\"}", "account")]
    [TestCase("[1, 2]", "object")]
    public void Execute_InvalidMessage_NamesTheProblem(string line, string expected)
    {
        var run = CliRun.WithInput(line, "scan");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Error, Does.StartWith("line 1: ").And.Contain(expected));
        });
    }

    [Test]
    public void Execute_AgentRole_IntentIsNone()
    {
        const string text = "what is my email address on file?";
        var input = Line(new { id = "agent", text, role = "agent" }) + "\n" + Line(new { id = "customer", text, role = "customer" }) + "\n" + Line(new { id = "none", text });

        var results = Results(CliRun.WithInput(input, "scan"));

        Assert.That(results.Select(r => r.GetProperty("intent").GetString()), Is.EqualTo(new[] { "NONE", "REQUEST_PII", "REQUEST_PII" }));
    }

    [Test]
    public void Execute_AccountValues_ProduceOnFileFindings()
    {
        const string text = "yes my number is 503 555 0142 and I was born 02/03/1980";
        var withAccount = Line(new
        {
            id = "a",
            text,
            account = new { phone = "+1 (503) 555-0142", dateOfBirth = "1980-02-03", name = "Dana Scully" },
        });

        var result = Results(CliRun.WithInput(withAccount, "scan")).Single();

        var rules = result.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToArray();
        Assert.That(rules, Does.Contain("account.phone"));
        Assert.That(rules.Count(r => r!.StartsWith("account.", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Execute_RulesOption_UsesTheFilesRecognizersAndAllowList()
    {
        using var rules = new TempFile("""
            policy:
              - id: out.hold
                direction: outgoing
                action: hold
                reason: held
            recognizers:
              - id: ticket.number
                type: ORDER_ID
                regex: 'TK-[0-9]{6}'
                score: 0.9
            allow:
              phones: ['+1 800 555 0100']
            """);
        var file = rules.Path;
        var input = Line(new { id = "a", text = "Ticket TK-123456, call us on 1-800-555-0100" });

        var run = CliRun.WithInput(input, "scan", "--rules", file);
        var findings = JsonDocument.Parse(run.Out).RootElement.GetProperty("findings").EnumerateArray().ToList();

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(findings.Select(f => f.GetProperty("rule").GetString()), Is.EqualTo(new[] { "ticket.number" }));
    }

    [Test]
    public void Execute_MissingRulesFile_Exits2WithReason()
    {
        var run = CliRun.WithInput(Line(new { id = "a", text = "hi" }), "scan", "--rules", "no-such-rules.yaml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Does.Contain("cannot read the rules file"));
    }

    [Test]
    public void Execute_EmptyInput_WritesNothingAndExits0()
    {
        var run = CliRun.WithInput(string.Empty, "scan");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Out, Is.Empty);
        });
    }
}
