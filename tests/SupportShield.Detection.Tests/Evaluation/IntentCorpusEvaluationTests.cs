using System.Globalization;
using System.Text;
using SupportShield.Detection.Intent;

namespace SupportShield.Detection.Tests.Evaluation;

[TestFixture]
public sealed class IntentCorpusEvaluationTests
{
    private static readonly string[] Labels = ["REQUEST_PII", "CHANGE_CONTACT", "PROVIDE_PII", "NONE"];

    private static string LabelOf(CustomerIntent intent) => intent switch
    {
        CustomerIntent.RequestPii => "REQUEST_PII",
        CustomerIntent.ChangeContact => "CHANGE_CONTACT",
        CustomerIntent.ProvidePii => "PROVIDE_PII",
        _ => "NONE",
    };

    private static (Dictionary<string, PrfCounts> Counts, List<string> Errors, double NoneFlagged) Evaluate(string fileName)
    {
        var classifier = new CustomerIntentClassifier();
        var counts = Labels.ToDictionary(l => l, _ => new PrfCounts(), StringComparer.Ordinal);
        var errors = new List<string>();
        int none = 0, noneFlagged = 0;
        foreach (var line in IntentCorpusLine.Load(fileName).Where(l => l.Role == "customer"))
        {
            var result = classifier.Classify(line.Text);
            var predicted = LabelOf(result.Intent);
            if (line.Label == "NONE")
            {
                none++;
                noneFlagged += predicted is "REQUEST_PII" or "CHANGE_CONTACT" ? 1 : 0;
            }

            if (predicted == line.Label)
            {
                counts[predicted].TruePositives++;
            }
            else
            {
                counts[predicted].FalsePositives++;
                counts[line.Label].FalseNegatives++;
                errors.Add($"gold={line.Label,-15} got={predicted,-15} {result.RuleId,-34} {line.Text.ReplaceLineEndings("⏎")}");
            }
        }

        return (counts, errors, none == 0 ? 0 : (double)noneFlagged / none);
    }

    private static string Table(Dictionary<string, PrfCounts> counts, double noneFlagged)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"{"label",-16} {"support",7} {"P",6} {"R",6} {"F1",6}");
        foreach (var label in Labels)
        {
            var c = counts[label];
            b.AppendLine(CultureInfo.InvariantCulture, $"{label,-16} {c.Support,7} {c.Precision,6:F3} {c.Recall,6:F3} {c.F1,6:F3}");
        }

        b.AppendLine(CultureInfo.InvariantCulture, $"NONE flagged as REQUEST_PII or CHANGE_CONTACT: {noneFlagged:P1}");
        return b.ToString();
    }

    [Test]
    public void DevCorpus_CustomerTurns_MeetFloors()
    {
        var (counts, errors, noneFlagged) = Evaluate("intents.dev.jsonl");
        Report(counts, errors, noneFlagged);

        // Floors: measured figures minus a margin (the dev set was used for tuning; a held-out set measures generalisation).
        Assert.Multiple(() =>
        {
            Assert.That(counts["REQUEST_PII"].Recall, Is.GreaterThanOrEqualTo(0.95), "REQUEST_PII recall");
            Assert.That(counts["REQUEST_PII"].Precision, Is.GreaterThanOrEqualTo(0.97), "REQUEST_PII precision");
            Assert.That(counts["CHANGE_CONTACT"].Recall, Is.GreaterThanOrEqualTo(0.97), "CHANGE_CONTACT recall");
            Assert.That(counts["CHANGE_CONTACT"].Precision, Is.GreaterThanOrEqualTo(0.98), "CHANGE_CONTACT precision");
            Assert.That(counts["PROVIDE_PII"].Recall, Is.GreaterThanOrEqualTo(0.97), "PROVIDE_PII recall");
            Assert.That(counts["NONE"].Recall, Is.GreaterThanOrEqualTo(0.98), "NONE recall");
            Assert.That(noneFlagged, Is.LessThanOrEqualTo(0.01), "NONE flagged");
        });
    }

    [Test]
    public void SupportCorpus_CustomerTurns_MeetFloors()
    {
        // Floors: the set was written before tuning but then used for it, so these are its figures minus a margin.
        // Hand-written support-chat lines: pretexts, typos, indirect confirmations, company-info questions, payout changes.
        var (counts, errors, noneFlagged) = Evaluate("intents.support.jsonl");
        Report(counts, errors, noneFlagged);

        Assert.Multiple(() =>
        {
            Assert.That(counts["REQUEST_PII"].Recall, Is.GreaterThanOrEqualTo(0.95), "REQUEST_PII recall");
            Assert.That(counts["REQUEST_PII"].Precision, Is.GreaterThanOrEqualTo(0.95), "REQUEST_PII precision");
            Assert.That(counts["CHANGE_CONTACT"].Recall, Is.GreaterThanOrEqualTo(0.95), "CHANGE_CONTACT recall");
            Assert.That(counts["CHANGE_CONTACT"].Precision, Is.GreaterThanOrEqualTo(0.95), "CHANGE_CONTACT precision");
            Assert.That(counts["PROVIDE_PII"].Recall, Is.GreaterThanOrEqualTo(0.9), "PROVIDE_PII recall");
            Assert.That(noneFlagged, Is.LessThanOrEqualTo(0.02), "NONE flagged");
        });
    }

    private static void Report(Dictionary<string, PrfCounts> counts, List<string> errors, double noneFlagged)
    {
        TestContext.Out.WriteLine(Table(counts, noneFlagged));
        foreach (var error in errors)
        {
            TestContext.Out.WriteLine(error);
        }
    }
}
