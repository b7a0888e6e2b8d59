using System.Diagnostics;
using SupportShield.Detection.Engine;

namespace SupportShield.Cli.Benchmarking;

/// <summary>
/// Measures the whole engine (normalisation, recognizers, intent, policy) on one thread: messages are analysed as customer
/// messages, round-robin over the corpus, after a warm-up that also lets the JIT reach its optimised code.
/// </summary>
public sealed class ThroughputBenchmark
{
    private readonly DetectionEngine _engine;

    public ThroughputBenchmark(DetectionEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>Runs for about <paramref name="duration"/> after a warm-up of a fifth of it (at least one pass, at most 3 s).</summary>
    public ThroughputReport Run(IReadOnlyList<string> texts, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            throw new ArgumentException("The corpus has no messages.", nameof(texts));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var requests = new AnalysisRequest[texts.Count];
        var clean = new bool[texts.Count];
        var cleanCount = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            requests[i] = new AnalysisRequest(texts[i]) { Role = MessageRole.Customer };
            clean[i] = _engine.Analyze(requests[i]).AllFindings.Count == 0;
            cleanCount += clean[i] ? 1 : 0;
        }

        var warmUp = TimeSpan.FromTicks(Math.Min(duration.Ticks / 5, TimeSpan.FromSeconds(3).Ticks));
        var warmUpWatch = Stopwatch.StartNew();
        for (var i = 0; warmUpWatch.Elapsed < warmUp; i = (i + 1) % requests.Length)
        {
            _engine.Analyze(requests[i]);
        }

        warmUpWatch.Stop();
        var warmUpSeconds = warmUpWatch.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var allLatencies = new List<long>(capacity: 1 << 16);
        var cleanLatencies = new List<long>(capacity: 1 << 16);
        long allBytes = 0;
        long cleanBytes = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var index = 0;
        long now;
        do
        {
            var request = requests[index];
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = Stopwatch.GetTimestamp();
            _engine.Analyze(request);
            now = Stopwatch.GetTimestamp();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            var elapsed = now - before;
            allLatencies.Add(elapsed);
            allBytes += bytes;
            if (clean[index])
            {
                cleanLatencies.Add(elapsed);
                cleanBytes += bytes;
            }

            index = index + 1 == requests.Length ? 0 : index + 1;
        }
        while (now < deadline);

        var measuredSeconds = (double)(now - started) / Stopwatch.Frequency;
        return new ThroughputReport(
            texts.Count,
            cleanCount,
            warmUpSeconds,
            measuredSeconds,
            allLatencies.Count / measuredSeconds,
            Summarise(allLatencies, allBytes),
            Summarise(cleanLatencies, cleanBytes));
    }

    /// <summary>The nearest-rank percentile <paramref name="percent"/> of sorted values.</summary>
    public static long Percentile(IReadOnlyList<long> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static LatencySummary Summarise(List<long> latencies, long bytes)
    {
        if (latencies.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        latencies.Sort();
        var toMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        return new LatencySummary(
            latencies.Count,
            Percentile(latencies, 50) * toMicroseconds,
            Percentile(latencies, 99) * toMicroseconds,
            (double)bytes / latencies.Count);
    }
}
