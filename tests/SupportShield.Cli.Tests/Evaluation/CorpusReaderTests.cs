using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Tests.Evaluation;

[TestFixture]
public sealed class CorpusReaderTests
{
    [Test]
    public void ReadSpans_ValidLines_KeepsOffsetsAndTypes()
    {
        const string corpus = "{\"id\": \"a\", \"text\": \"x\\r\\ny jo@example.com\", \"spans\": [{\"start\": 5, \"end\": 19, \"type\": \"EMAIL\"}]}\n";
        var errors = new List<(int, string)>();

        var lines = CorpusReader.ReadSpans(new StringReader(corpus), (n, m) => errors.Add((n, m))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(lines.Single().Text[5..19], Is.EqualTo("jo@example.com"));
            Assert.That(lines.Single().Spans, Is.EqualTo(new[] { new LabelledSpan(5, 19, "EMAIL") }));
        });
    }

    [TestCase("{\"id\": \"a\", \"text\": \"abc\"}", "spans")]
    [TestCase("{\"id\": \"a\", \"text\": \"abc\", \"spans\": [{\"start\": 2, \"end\": 1, \"type\": \"ZIP\"}]}", "outside the text")]
    [TestCase("{\"id\": \"a\", \"text\": \"abc\", \"spans\": [{\"start\": \"0\", \"end\": 1, \"type\": \"ZIP\"}]}", "integer")]
    [TestCase("{\"id\": \"a\", \"spans\": []}", "\"text\"")]
    [TestCase("\"just a string\"", "object")]
    [TestCase("{oops", "not valid JSON")]
    public void ReadSpans_InvalidLine_ReportedWithLineNumber(string line, string expected)
    {
        var errors = new List<(int Line, string Message)>();

        var lines = CorpusReader.ReadSpans(new StringReader("\n" + line + "\n"), (n, m) => errors.Add((n, m))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.Empty);
            Assert.That(errors.Single().Line, Is.EqualTo(2));
            Assert.That(errors.Single().Message, Does.Contain(expected));
        });
    }

    [Test]
    public void ReadIntents_UnknownLabel_IsMalformed()
    {
        var errors = new List<string>();

        var lines = CorpusReader.ReadIntents(
            new StringReader("{\"id\": \"a\", \"role\": \"customer\", \"text\": \"hi\", \"label\": \"GREETING\"}"),
            (_, m) => errors.Add(m),
            ["NONE"]).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.Empty);
            Assert.That(errors.Single(), Does.Contain("unknown label 'GREETING'"));
        });
    }

    [Test]
    public void ReadIntents_NoRole_CountsAsCustomer()
    {
        var line = CorpusReader.ReadIntents(new StringReader("{\"id\": \"a\", \"text\": \"hi\", \"label\": \"NONE\"}"), (_, _) => { }).Single();

        Assert.That(line.Role, Is.EqualTo("customer"));
    }

    [Test]
    public void ReadTexts_AnyJsonLines_ReturnsTexts()
    {
        var texts = CorpusReader.ReadTexts(new StringReader("{\"text\": \"one\"}\r\n\r\n{\"id\": 1, \"text\": \"two\", \"label\": \"NONE\"}"), (_, _) => { }).ToList();

        Assert.That(texts, Is.EqualTo(new[] { "one", "two" }));
    }
}
