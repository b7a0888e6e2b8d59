namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class BenchCommandTests
{
    private const string Corpus = """
        {"id": "1", "text": "hello, I need to return an item"}
        {"id": "2", "text": "my card is 4111 1111 1111 1111"}
        {"id": "3", "text": "what is my email address on file?"}
        """;

    [Test]
    public void Execute_TinyCorpus_PrintsEveryFigure()
    {
        using var corpus = new TempFile(Corpus);

        var run = CliRun.Of("bench", "--corpus", corpus.Path, "--seconds", "0.2");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(run.Out, Does.Contain("corpus messages: 3 (2 without findings)"));
            Assert.That(run.Out, Does.Match(@"warm-up: \d+\.\d\d s"));
            Assert.That(run.Out, Does.Match(@"messages per second: \d+"));
            Assert.That(run.Out, Does.Match(@"all messages: messages \d+, p50 \d+\.\d µs, p99 \d+\.\d µs, allocated \d+ bytes/message"));
            Assert.That(run.Out, Does.Match(@"without findings: messages \d+, p50 \d+\.\d µs, p99 \d+\.\d µs, allocated \d+ bytes/message"));
        });
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("NaN")]
    [TestCase("100000")]
    public void Execute_BadSeconds_Exits2(string seconds)
    {
        using var corpus = new TempFile(Corpus);

        var run = CliRun.Of("bench", "--corpus", corpus.Path, "--seconds", seconds);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("--seconds must be"));
        });
    }

    [Test]
    public void Execute_EmptyCorpus_Exits2()
    {
        using var corpus = new TempFile(string.Empty);

        var run = CliRun.Of("bench", "--corpus", corpus.Path, "--seconds", "0.1");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain("has no messages"));
        });
    }
}
