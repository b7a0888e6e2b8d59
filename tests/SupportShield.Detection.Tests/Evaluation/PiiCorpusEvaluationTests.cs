using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests.Evaluation;

[TestFixture]
public sealed class PiiCorpusEvaluationTests
{
    private static readonly string[] V1Types =
        ["EMAIL", "PHONE", "ADDRESS", "ZIP", "CREDIT_CARD", "SSN", "DATE_OF_BIRTH", "IP_ADDRESS", "URL", "CARD_LAST4", "PASSWORD_OR_SECRET"];

    private static SpanScorer Evaluate()
    {
        var detector = new PiiDetector();
        var scorer = new SpanScorer(V1Types);
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

        var micro = SpanScorer.Micro(scorer.Overlap);
        Assert.That(micro.F1, Is.GreaterThanOrEqualTo(0.0));
    }
}
