using System.Globalization;
using SupportShield.Cli.Arguments;
using SupportShield.Cli.Benchmarking;
using SupportShield.Cli.Engine;
using SupportShield.Cli.Evaluation;

namespace SupportShield.Cli.Commands;

/// <summary><c>supportshield bench</c>: single-thread throughput, latency and allocations of the whole engine over a corpus.</summary>
public sealed class BenchCommand : ICommand
{
    private const string CorpusOption = "--corpus";
    private const string SecondsOption = "--seconds";
    private const double DefaultSeconds = 5;
    private const double MaxSeconds = 3600;
    private static readonly string[] Flags = [];
    private static readonly string[] ValueOptions = [CorpusOption, SecondsOption, EngineFactory.RulesOption];

    /// <inheritdoc />
    public string Name => "bench";

    /// <inheritdoc />
    public string Summary => "measure messages per second, latency and allocations on one thread";

    /// <inheritdoc />
    public string Help => """
        Usage: supportshield bench --corpus FILE [--seconds N] [--rules FILE]

        Analyses the "text" of every corpus line (any JSON-lines corpus: spans, intents or scan input) as a customer
        message through the whole engine (normalisation, recognizers, intent, policy), round-robin on one thread, after a
        warm-up of a fifth of the time (at most 3 s). Prints messages per second, p50/p99 latency per message and bytes
        allocated per message (GC.GetAllocatedBytesForCurrentThread), overall and for messages without findings.
        Build in Release for meaningful figures: dotnet run -c Release --project bot/SupportShield.Cli -- bench --corpus FILE

        Options:
          --corpus FILE   JSON-lines corpus, required
          --seconds N     measured time in seconds (default 5; fractions allowed)
          --rules FILE    detection rules file (default: the bundled rules)
          -h, --help      show this help
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> args, CommandIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        var parsed = ParsedArguments.Parse(args, Flags, ValueOptions);
        if (parsed.HelpRequested)
        {
            io.Out.WriteLine(Help);
            return ExitCodes.Success;
        }

        parsed.ExpectPositionals(0, "nothing");
        var corpusPath = parsed.Required(CorpusOption);
        var seconds = ParseSeconds(parsed.Value(SecondsOption));
        var engine = EngineFactory.Create(EngineFactory.OptionsFrom(parsed));
        var malformed = 0;
        List<string> texts;
        using (var reader = CorpusFiles.Open(corpusPath))
        {
            texts = CorpusReader.ReadTexts(reader, (line, message) =>
            {
                malformed++;
                io.Error.WriteLine($"{corpusPath} line {line}: {message}");
            }).ToList();
        }

        if (texts.Count == 0)
        {
            throw new UsageException($"{corpusPath} has no messages");
        }

        var report = new ThroughputBenchmark(engine).Run(texts, TimeSpan.FromSeconds(seconds));
        io.Out.Write(Render(report));
        io.Out.Flush();
        return malformed == 0 ? ExitCodes.Success : ExitCodes.MalformedInput;
    }

    /// <summary>The report as text, one figure per line.</summary>
    public static string Render(ThroughputReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        return string.Join(Environment.NewLine,
        [
            string.Create(c, $"corpus messages: {report.CorpusMessages} ({report.CorpusCleanMessages} without findings)"),
            string.Create(c, $"warm-up: {report.WarmUpSeconds:F2} s"),
            string.Create(c, $"measured: {report.MeasuredSeconds:F2} s, {report.All.Messages} messages, one thread"),
            string.Create(c, $"messages per second: {report.MessagesPerSecond:F0}"),
            Line("all messages", report.All),
            Line("without findings", report.Clean),
            string.Empty,
        ]);
    }

    private static string Line(string label, LatencySummary s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label}: messages {s.Messages}, p50 {s.P50Microseconds:F1} µs, p99 {s.P99Microseconds:F1} µs, allocated {s.AllocatedBytesPerMessage:F0} bytes/message");

    private static double ParseSeconds(string? value)
    {
        if (value is null)
        {
            return DefaultSeconds;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds) || seconds <= 0 || seconds > MaxSeconds)
        {
            throw new UsageException($"--seconds must be a number of seconds above 0 and at most {MaxSeconds}, not '{value}'");
        }

        return seconds;
    }
}
