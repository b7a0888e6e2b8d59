using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests.Evaluation;

[TestFixture]
public sealed class PiiCorpusEvaluationTests
{
    private static readonly string[] V1Types =
        ["EMAIL", "PHONE", "ADDRESS", "ZIP", "CREDIT_CARD", "SSN", "DATE_OF_BIRTH", "IP_ADDRESS", "URL", "CARD_LAST4", "PASSWORD_OR_SECRET"];

    private const double MicroF1Floor = 0.92;

    private static readonly (string Type, double Floor)[] RecallFloors =
    [
        ("CREDIT_CARD", 0.97),
        ("PHONE", 0.97),
        ("EMAIL", 0.97),
        ("SSN", 0.95),
        ("IP_ADDRESS", 0.95),
        ("URL", 0.95),
        ("DATE_OF_BIRTH", 0.9),
        ("ZIP", 0.9),
        ("ADDRESS", 0.82),
    ];

    private const double AllTypesMicroF1Floor = 0.9;

    /// <summary>Precision and recall floors of the types added after v1 (measured on the dev corpus, minus a margin).</summary>
    private static readonly (string Type, double Precision, double Recall)[] NewTypeFloors =
    [
        ("IBAN", 0.95, 0.98),
        ("PERSON", 0.95, 0.7),
        ("DRIVER_LICENSE", 0.95, 0.95),
        ("PASSPORT", 0.95, 0.9),
        ("ROUTING_NUMBER", 0.8, 0.8),
        ("BANK_ACCOUNT", 0.5, 0.5),
        ("ACCOUNT_ID", 0.8, 0.7),
        ("ORDER_ID", 0.9, 0.7),
    ];

    private static SpanScorer Evaluate() => Evaluate(V1Types);

    private static SpanScorer Evaluate(IEnumerable<string> types)
    {
        var detector = new PiiDetector();
        var scorer = new SpanScorer(types);
        foreach (var line in PiiCorpusLine.Load("pii-spans.dev.jsonl"))
        {
            var predicted = detector.Detect(line.Text).Select(f => new GoldSpan(f.Start, f.End, f.Type.ToCanonicalName())).ToList();
            scorer.Add(line.Id, line.Text, line.Spans, predicted);
        }

        return scorer;
    }

    [Test]
    public void DevCorpus_V1Types_MeetFloors()
    {
        var scorer = Evaluate();
        TestContext.Out.WriteLine(scorer.Table());
        foreach (var (kind, type, id, value) in scorer.Errors)
        {
            TestContext.Out.WriteLine($"{kind} {type,-18} {id,-40} {value.ReplaceLineEndings("⏎")}");
        }

        // Floors: measured figures minus a small margin, to catch regressions.
        var micro = SpanScorer.Micro(scorer.Overlap);
        Assert.Multiple(() =>
        {
            Assert.That(micro.F1, Is.GreaterThanOrEqualTo(MicroF1Floor), "micro F1");
            Assert.That(micro.Precision, Is.GreaterThanOrEqualTo(0.95), "micro precision");
            Assert.That(SpanScorer.Micro(scorer.Exact).F1, Is.GreaterThanOrEqualTo(0.82), "micro exact F1");
            Assert.That(scorer.Overlap["PHONE"].Precision, Is.GreaterThanOrEqualTo(0.95), "PHONE precision");
            foreach (var (type, floor) in RecallFloors)
            {
                Assert.That(scorer.Overlap[type].Recall, Is.GreaterThanOrEqualTo(floor), $"{type} recall");
            }
        });
    }

    [Test]
    public void DevCorpus_AllTypes_MeetFloors()
    {
        var scorer = Evaluate(EntityTypeNames.All);
        TestContext.Out.WriteLine(scorer.Table());
        foreach (var (kind, type, id, value) in scorer.Errors)
        {
            TestContext.Out.WriteLine($"{kind} {type,-18} {id,-40} {value.ReplaceLineEndings("⏎")}");
        }

        // Floors: measured figures (micro F1 0.928, P 0.990, R 0.874 over all types) minus a margin; the issue's target is 0.85.
        var micro = SpanScorer.Micro(scorer.Overlap);
        Assert.Multiple(() =>
        {
            Assert.That(micro.F1, Is.GreaterThanOrEqualTo(AllTypesMicroF1Floor), "micro F1, all types");
            Assert.That(micro.Precision, Is.GreaterThanOrEqualTo(0.95), "micro precision, all types");
            foreach (var (type, precision, recall) in NewTypeFloors)
            {
                Assert.That(scorer.Overlap[type].Precision, Is.GreaterThanOrEqualTo(precision), $"{type} precision");
                Assert.That(scorer.Overlap[type].Recall, Is.GreaterThanOrEqualTo(recall), $"{type} recall");
            }
        });
    }

    [TestCase("credit_card", "CREDIT_CARD")]
    [TestCase("us_ssn", "SSN")]
    [TestCase("ip", "IP_ADDRESS")]
    [TestCase("email", "EMAIL")]
    [TestCase("url", "URL")]
    [TestCase("date", "DATE_OF_BIRTH")]
    [TestCase("uk_postcode", "ZIP")]
    [TestCase("iban", "IBAN")]
    [TestCase("aba_routing", "ROUTING_NUMBER")]
    [TestCase("us_driver_license", "DRIVER_LICENSE")]
    public void DevCorpus_NegativeLines_HaveNoFindingOfTheirType(string recognizer, string type)
    {
        var detector = new PiiDetector();
        var negatives = PiiCorpusLine.Load("pii-spans.dev.jsonl")
            .Where(l => l.Spans.Count == 0 && l.Id.StartsWith($"presidio-tests:{recognizer}:", StringComparison.Ordinal))
            .ToList();
        Assert.That(negatives, Is.Not.Empty);
        var flagged = negatives
            .Where(l => detector.Detect(l.Text).Any(f => f.Type.ToCanonicalName() == type))
            .Select(l => l.Text)
            .ToList();
        Assert.That(flagged, Is.Empty);
    }
}
