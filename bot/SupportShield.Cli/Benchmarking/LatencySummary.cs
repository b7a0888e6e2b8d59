namespace SupportShield.Cli.Benchmarking;

/// <summary>Figures over a set of measured messages.</summary>
/// <param name="Messages">Messages measured.</param>
/// <param name="P50Microseconds">Median latency per message.</param>
/// <param name="P99Microseconds">99th-percentile latency per message.</param>
/// <param name="AllocatedBytesPerMessage">Bytes allocated on the measuring thread per message, on average.</param>
public sealed record LatencySummary(long Messages, double P50Microseconds, double P99Microseconds, double AllocatedBytesPerMessage);
