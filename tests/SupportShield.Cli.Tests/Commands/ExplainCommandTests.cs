namespace SupportShield.Cli.Tests.Commands;

[TestFixture]
public sealed class ExplainCommandTests
{
    [Test]
    public void Execute_CardNumber_NamesRecognizerValidationAndDecision()
    {
        var run = CliRun.Of("explain", "my card is 4111 1111 1111 1111");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Out, Does.Contain("Normalised text: \"my card is 4111 1111 1111 1111\""));
            Assert.That(run.Out, Does.Contain("CREDIT_CARD [11, 30) \"4111 1111 1111 1111\""));
            Assert.That(run.Out, Does.Contain("recognizer CreditCardRecognizer"));
            Assert.That(run.Out, Does.Contain("as written by the customer (incoming): Allow"));
            Assert.That(run.Out, Does.Contain("if an agent sent this text to the customer (outgoing): Hold"));
            Assert.That(run.Out, Does.Contain("policy outgoing.unverified.hold"));
        });
    }

    [Test]
    public void Execute_CustomerRequest_ShowsIntentRule()
    {
        var run = CliRun.Of("explain", "what is my email address on file?");

        Assert.Multiple(() =>
        {
            Assert.That(run.Out, Does.Contain("Findings: 0"));
            Assert.That(run.Out, Does.Match(@"Intent: REQUEST_PII \(rule intent\.request\.[\w-]+"));
        });
    }

    [Test]
    public void Execute_AgentRole_NoIntentAndOutgoingDecision()
    {
        var run = CliRun.Of("explain", "--role", "agent", "Your email on file is jo@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            Assert.That(run.Out, Does.Contain("Role: agent"));
            Assert.That(run.Out, Does.Contain("Intent: NONE (not classified: agent message)"));
            Assert.That(run.Out, Does.Contain("as written by the agent (outgoing): Hold"));
            Assert.That(run.Out, Does.Contain("recognizer EmailRecognizer"));
            Assert.That(run.Out, Does.Not.Contain("if an agent sent this text"));
        });
    }

    [Test]
    public void Execute_LineBreakInText_QuotedOnOneLine()
    {
        var run = CliRun.Of("explain", "card:\r\n4111 1111 1111 1111");

        Assert.That(run.Out, Does.Contain("Normalised text: \"card:\\r\\n4111 1111 1111 1111\""));
    }
}
