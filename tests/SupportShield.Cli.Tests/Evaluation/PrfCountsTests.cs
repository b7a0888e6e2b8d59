using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Tests.Evaluation;

[TestFixture]
public sealed class PrfCountsTests
{
    // (tp, fp, fn) -> P, R, F1, F2 worked out by hand.
    [TestCase(3, 1, 2, 3.0 / 4, 3.0 / 5, 2.0 / 3, 5.0 * (3.0 / 4) * (3.0 / 5) / ((4 * 3.0 / 4) + (3.0 / 5)))]
    [TestCase(1, 0, 0, 1.0, 1.0, 1.0, 1.0)]
    [TestCase(1, 3, 0, 0.25, 1.0, 0.4, 5.0 * 0.25 / (1 + 1))]
    [TestCase(0, 0, 4, 0.0, 0.0, 0.0, 0.0)]
    [TestCase(0, 2, 0, 0.0, 0.0, 0.0, 0.0)]
    public void Ratios_Counts_MatchHandComputedValues(int tp, int fp, int fn, double precision, double recall, double f1, double f2)
    {
        var counts = new PrfCounts { TruePositives = tp, FalsePositives = fp, FalseNegatives = fn };

        Assert.Multiple(() =>
        {
            Assert.That(counts.Precision, Is.EqualTo(precision).Within(1e-12));
            Assert.That(counts.Recall, Is.EqualTo(recall).Within(1e-12));
            Assert.That(counts.F1, Is.EqualTo(f1).Within(1e-12));
            Assert.That(counts.F2, Is.EqualTo(f2).Within(1e-12));
            Assert.That(counts.Support, Is.EqualTo(tp + fn));
            Assert.That(counts.Predicted, Is.EqualTo(tp + fp));
        });
    }

    [Test]
    public void F2_RecallAbovePrecision_ExceedsF1()
    {
        var counts = new PrfCounts { TruePositives = 4, FalsePositives = 4, FalseNegatives = 1 };

        Assert.That(counts.F2, Is.GreaterThan(counts.F1));
    }

    [Test]
    public void Add_OtherCounts_SumsEachCount()
    {
        var total = new PrfCounts { TruePositives = 1, FalsePositives = 2, FalseNegatives = 3 };

        total.Add(new PrfCounts { TruePositives = 10, FalsePositives = 20, FalseNegatives = 30 });

        Assert.That((total.TruePositives, total.FalsePositives, total.FalseNegatives), Is.EqualTo((11, 22, 33)));
    }
}
