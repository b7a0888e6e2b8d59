using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>
/// Scores the detector on <c>evasion.jsonl</c>: support-chat lines that hide data with spacing, odd separators, spelled digits,
/// look-alike letters, full-width and invisible characters, and spelled-out email addresses.
/// </summary>
[TestFixture]
public sealed class EvasionCorpusEvaluationTests
{
    private static readonly string[] FlooredTypes = ["CREDIT_CARD", "SSN", "EMAIL", "PHONE", "IP_ADDRESS", "IBAN"];

    private const double RecallFloor = 0.98;

    private static SpanScorer Evaluate(PiiDetector detector, IEnumerable<string> types)
    {
        var scorer = new SpanScorer(types);
        foreach (var line in PiiCorpusLine.Load("evasion.jsonl"))
        {
            var predicted = detector.Detect(line.Text).Select(f => new GoldSpan(f.Start, f.End, f.Type.ToCanonicalName())).ToList();
            scorer.Add(line.Id, line.Text, line.Spans, predicted);
        }

        return scorer;
    }

    [Test]
    public void EvasionCorpus_FlooredTypes_MeetRecallFloor()
    {
        var scorer = Evaluate(new PiiDetector(), EntityTypeNames.All);
        TestContext.Out.WriteLine(scorer.Table());
        foreach (var (kind, type, id, _) in scorer.Errors)
        {
            TestContext.Out.WriteLine($"{kind} {type,-18} {id}");
        }

        Assert.Multiple(() =>
        {
            foreach (var type in FlooredTypes)
            {
                Assert.That(scorer.Overlap[type].Recall, Is.GreaterThanOrEqualTo(RecallFloor), $"{type} recall");
            }
        });
    }

    [Test]
    public void EvasionCorpus_NegativeLines_HaveNoFinding()
    {
        var detector = new PiiDetector();
        var flagged = PiiCorpusLine.Load("evasion.jsonl")
            .Where(l => l.Spans.Count == 0 && detector.Detect(l.Text).Count > 0)
            .Select(l => l.Id)
            .ToList();
        Assert.That(flagged, Is.Empty);
    }

    [Test]
    public void EvasionCorpus_WithoutNormalisation_MissesMost()
    {
        // The corpus must exercise the normaliser: the recognizers alone find less than half of it.
        var scorer = Evaluate(new PiiDetector(new DetectorOptions { Normalizer = SupportShield.Detection.Normalization.IdentityNormalizer.Instance }), FlooredTypes);
        Assert.That(SpanScorer.Micro(scorer.Overlap).Recall, Is.LessThan(0.5));
    }
}
