namespace SupportShield.Cli.Benchmarking;

/// <summary>The result of a throughput run.</summary>
/// <param name="CorpusMessages">Distinct messages in the corpus.</param>
/// <param name="CorpusCleanMessages">Corpus messages without findings.</param>
/// <param name="WarmUpSeconds">Time spent warming up before measuring.</param>
/// <param name="MeasuredSeconds">Measured wall time.</param>
/// <param name="MessagesPerSecond">Messages analysed per second on one thread.</param>
/// <param name="All">Figures over every measured message.</param>
/// <param name="Clean">Figures over the measured messages without findings (zero messages when there were none).</param>
public sealed record ThroughputReport(
    int CorpusMessages,
    int CorpusCleanMessages,
    double WarmUpSeconds,
    double MeasuredSeconds,
    double MessagesPerSecond,
    LatencySummary All,
    LatencySummary Clean);
