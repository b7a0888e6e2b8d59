using SupportShield.Cli.Benchmarking;
using SupportShield.Detection.Engine;

namespace SupportShield.Cli.Tests.Benchmarking;

[TestFixture]
public sealed class ThroughputBenchmarkTests
{
    [TestCase(50, 5)]
    [TestCase(99, 10)]
    [TestCase(100, 10)]
    [TestCase(1, 1)]
    public void Percentile_TenValues_NearestRank(double percent, long expected)
    {
        long[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.That(ThroughputBenchmark.Percentile(sorted, percent), Is.EqualTo(expected));
    }

    [Test]
    public void Percentile_Empty_IsZero()
    {
        Assert.That(ThroughputBenchmark.Percentile([], 50), Is.EqualTo(0));
    }

    [Test]
    public void Run_ShortDuration_CountsCleanMessagesAndMeasuresBoth()
    {
        var benchmark = new ThroughputBenchmark(DetectionEngine.CreateDefault());

        var report = benchmark.Run(["hello there", "card 4111 1111 1111 1111"], TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(report.CorpusMessages, Is.EqualTo(2));
            Assert.That(report.CorpusCleanMessages, Is.EqualTo(1));
            Assert.That(report.All.Messages, Is.GreaterThan(report.Clean.Messages));
            Assert.That(report.Clean.Messages, Is.GreaterThan(0));
            Assert.That(report.All.P99Microseconds, Is.GreaterThanOrEqualTo(report.All.P50Microseconds));
            Assert.That(report.MessagesPerSecond, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Run_EmptyCorpus_Throws()
    {
        var benchmark = new ThroughputBenchmark(DetectionEngine.CreateDefault());

        Assert.That(() => benchmark.Run([], TimeSpan.FromSeconds(1)), Throws.ArgumentException);
    }
}
