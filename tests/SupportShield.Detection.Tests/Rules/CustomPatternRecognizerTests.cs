using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Rules;

namespace SupportShield.Detection.Tests.Rules;

public sealed class CustomPatternRecognizerTests
{
    private const string Policy = "policy:\n  - id: p1\n    action: hold\n    reason: r\n";

    private static PiiDetector DetectorWith(string recognizers)
    {
        var result = RulesLoader.Load(Policy + "recognizers:\n" + recognizers, "test.yaml");
        Assert.That(result.Errors, Is.Empty);

        // Only the custom recognizers, so that a built-in recognizer of the same type does not win the span.
        var options = result.Rules!.DetectorOptions;
        return new PiiDetector(options with { Recognizers = options.Recognizers.OfType<CustomPatternRecognizer>().ToArray() });
    }

    private static readonly string OrderNumber =
        "  - id: shop.order\n    type: ORDER_ID\n    regex: '\\bSO-\\d{8}\\b'\n    score: 0.3\n    context: [order, purchase]\n    context_boost: 0.4\n";

    [TestCase("my order SO-12345678 never arrived", "SO-12345678")]
    [TestCase("Purchase ref: so-87654321? no, SO-87654321", "SO-87654321")]
    public void Detect_PatternWithContext_FindsIt(string text, string expected)
    {
        var findings = DetectorWith(OrderNumber).Detect(text).Where(f => f.Type == EntityType.OrderId).ToList();

        Assert.That(findings.Select(f => f.Value), Is.EqualTo(new[] { expected }));
        Assert.That(findings[0].RuleId, Is.EqualTo("shop.order"));
        Assert.That(findings[0].Score, Is.EqualTo(0.7).Within(1e-9));
        Assert.That(findings[0].Explanation.ContextWords, Is.Not.Empty);
    }

    [TestCase("the code SO-12345678 is printed on the box")]
    [TestCase("no match for SO-1234 here, my order is late")]
    public void Detect_PatternWithoutContextOrNoMatch_FindsNothing(string text) =>
        Assert.That(DetectorWith(OrderNumber).Detect(text).Where(f => f.Type == EntityType.OrderId), Is.Empty);

    [Test]
    public void Detect_ValueGroup_ReportsOnlyTheGroup()
    {
        var detector = DetectorWith("  - id: member\n    type: ACCOUNT_ID\n    regex: 'member\\s+(?<value>M\\d{6})'\n    score: 0.8\n");

        var finding = detector.Detect("I am member M123456 since 2019").Single(f => f.Type == EntityType.AccountId);

        Assert.That(finding.Value, Is.EqualTo("M123456"));
    }

    [TestCase("luhn", "card 79927398713", true)]
    [TestCase("luhn", "card 79927398710", false)]
    [TestCase("mod97", "iban GB82 WEST 1234 5698 7654 32", true)]
    [TestCase("mod97", "iban GB82 WEST 1234 5698 7654 33", false)]
    [TestCase("aba", "routing 011000015", true)]
    [TestCase("aba", "routing 011000016", false)]
    public void Detect_Validator_KeepsOnlyPassingMatches(string validator, string text, bool found)
    {
        var regex = validator switch
        {
            "luhn" => @"\b\d{11}\b",
            "mod97" => @"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){4} ?[A-Z0-9]{2}\b",
            _ => @"\b\d{9}\b",
        };
        var detector = DetectorWith($"  - id: v\n    type: BANK_ACCOUNT\n    regex: '{regex}'\n    score: 0.9\n    validator: {validator}\n");

        var findings = detector.Detect(text).Where(f => f.RuleId == "v").ToList();

        Assert.That(findings, found ? Has.Count.EqualTo(1) : Is.Empty);
        if (found)
        {
            Assert.That(findings[0].Explanation.Validation, Is.EqualTo(validator + ":pass"));
        }
    }

    [Test]
    public void Detect_CatastrophicBacktrackingRegex_RunsOnTheLinearTimeEngine()
    {
        var detector = DetectorWith("  - id: evil\n    type: ACCOUNT_ID\n    regex: '(a+)+$'\n    score: 0.9\n");
        var text = new string('a', 5000) + "!";

        var findings = detector.Detect(text);
        var regex = detector.Recognizers.OfType<CustomPatternRecognizer>().Single().Rule.Regex;

        Assert.That(regex.Options.HasFlag(RegexOptions.NonBacktracking), Is.True, "a linear-time engine cannot backtrack catastrophically");
        Assert.That(findings.Where(f => f.RuleId == "evil"), Is.Empty);
    }

    [Test]
    public void Detect_RegexNeedingBacktracking_WorksAndFailsClosedWhenItRunsOutOfTime()
    {
        var detector = DetectorWith("  - id: lookbehind\n    type: ACCOUNT_ID\n    regex: '(?<=user )(\\w+)+$'\n    score: 0.9\n");

        var found = detector.Detect("user abc123").Where(f => f.RuleId == "lookbehind").Select(f => f.Value);
        var regex = detector.Recognizers.OfType<CustomPatternRecognizer>().Single().Rule.Regex;

        Assert.That(found, Is.EqualTo(new[] { "abc123" }));
        Assert.That(regex.MatchTimeout, Is.LessThanOrEqualTo(TimeSpan.FromMilliseconds(100)), "a backtracking expression is bounded by a match timeout");
        // Out of time means not screened: the detector says so, and the screening holds the message (fail closed).
        Assert.That(() => detector.Detect("user " + new string('a', 40) + "!"), Throws.InstanceOf<RegexMatchTimeoutException>());
    }
}
