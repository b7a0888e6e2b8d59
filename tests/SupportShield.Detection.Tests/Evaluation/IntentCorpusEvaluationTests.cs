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

    private static (Dictionary<string, PrfCounts> Counts, List<string> Errors) Evaluate()
    {
        var classifier = new CustomerIntentClassifier();
        var counts = Labels.ToDictionary(l => l, _ => new PrfCounts(), StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var line in IntentCorpusLine.Load("intents.dev.jsonl").Where(l => l.Role == "customer"))
        {
            var result = classifier.Classify(line.Text);
            var predicted = LabelOf(result.Intent);
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

        return (counts, errors);
    }

    private static string Table(Dictionary<string, PrfCounts> counts)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"{"label",-16} {"support",7} {"P",6} {"R",6} {"F1",6}");
        foreach (var label in Labels)
        {
            var c = counts[label];
            b.AppendLine(CultureInfo.InvariantCulture, $"{label,-16} {c.Support,7} {c.Precision,6:F3} {c.Recall,6:F3} {c.F1,6:F3}");
        }

        return b.ToString();
    }

    [Test]
    public void DevCorpus_CustomerTurns_MeetFloors()
    {
        var (counts, errors) = Evaluate();
        TestContext.Out.WriteLine(Table(counts));
        foreach (var error in errors)
        {
            TestContext.Out.WriteLine(error);
        }

        // Floors: measured figures minus a margin (the dev set was used for tuning; a held-out set measures generalisation).
        Assert.Multiple(() =>
        {
            Assert.That(counts["REQUEST_PII"].Recall, Is.GreaterThanOrEqualTo(0.9), "REQUEST_PII recall");
            Assert.That(counts["REQUEST_PII"].Precision, Is.GreaterThanOrEqualTo(0.93), "REQUEST_PII precision");
            Assert.That(counts["CHANGE_CONTACT"].Recall, Is.GreaterThanOrEqualTo(0.94), "CHANGE_CONTACT recall");
            Assert.That(counts["CHANGE_CONTACT"].Precision, Is.GreaterThanOrEqualTo(0.95), "CHANGE_CONTACT precision");
            Assert.That(counts["PROVIDE_PII"].Recall, Is.GreaterThanOrEqualTo(0.93), "PROVIDE_PII recall");
            Assert.That(counts["NONE"].Recall, Is.GreaterThanOrEqualTo(0.95), "NONE recall");
        });
    }
}
