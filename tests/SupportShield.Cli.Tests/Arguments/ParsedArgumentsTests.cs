using SupportShield.Cli.Arguments;

namespace SupportShield.Cli.Tests.Arguments;

[TestFixture]
public sealed class ParsedArgumentsTests
{
    private static readonly string[] Flags = ["--json"];
    private static readonly string[] Values = ["--corpus", "--seconds"];

    [Test]
    public void Parse_MixedArguments_SeparatesPositionalsFlagsAndValues()
    {
        var parsed = ParsedArguments.Parse(["a", "--corpus", "c.jsonl", "--json", "--seconds=2", "--", "--b"], Flags, Values);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Positionals, Is.EqualTo(new[] { "a", "--b" }));
            Assert.That(parsed.Value("--corpus"), Is.EqualTo("c.jsonl"));
            Assert.That(parsed.Value("--seconds"), Is.EqualTo("2"));
            Assert.That(parsed.Has("--json"), Is.True);
            Assert.That(parsed.HelpRequested, Is.False);
        });
    }

    [Test]
    public void Parse_NegativeNumber_IsAValue()
    {
        var parsed = ParsedArguments.Parse(["--seconds", "-1"], Flags, Values);

        Assert.That(parsed.Value("--seconds"), Is.EqualTo("-1"));
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public void Parse_Help_IsRequested(string flag)
    {
        Assert.That(ParsedArguments.Parse([flag], Flags, Values).HelpRequested, Is.True);
    }

    [TestCase(new[] { "--nope" }, "unknown option --nope")]
    [TestCase(new[] { "--corpus" }, "needs a value")]
    [TestCase(new[] { "--corpus", "a", "--corpus", "b" }, "more than once")]
    [TestCase(new[] { "--json=yes" }, "takes no value")]
    public void Parse_Invalid_ThrowsUsageException(string[] args, string message)
    {
        Assert.That(() => ParsedArguments.Parse(args, Flags, Values), Throws.TypeOf<UsageException>().With.Message.Contains(message));
    }

    [Test]
    public void Required_Missing_ThrowsUsageException()
    {
        var parsed = ParsedArguments.Parse([], Flags, Values);

        Assert.That(() => parsed.Required("--corpus"), Throws.TypeOf<UsageException>().With.Message.Contains("--corpus is required"));
    }

    [TestCase(new string[0], "missing the text")]
    [TestCase(new[] { "a", "b" }, "unexpected argument 'b'")]
    public void ExpectPositionals_WrongCount_ThrowsUsageException(string[] args, string message)
    {
        var parsed = ParsedArguments.Parse(args, Flags, Values);

        Assert.That(() => parsed.ExpectPositionals(1, "the text"), Throws.TypeOf<UsageException>().With.Message.Contains(message));
    }
}
