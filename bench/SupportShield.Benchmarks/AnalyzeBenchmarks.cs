using BenchmarkDotNet.Attributes;
using SupportShield.Detection.Engine;

namespace SupportShield.Benchmarks;

/// <summary>
/// <see cref="DetectionEngine.Analyze"/> on one customer message per operation (normalisation, recognizers, intent, policy),
/// cycling through the dev corpus, so that time and allocation are per message. Not sealed: BenchmarkDotNet derives from it.
/// </summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks
{
    private DetectionEngine _engine = null!;
    private AnalysisRequest[] _clean = [];
    private AnalysisRequest[] _withPii = [];
    private int _cleanIndex;
    private int _piiIndex;

    [GlobalSetup]
    public void Setup()
    {
        _engine = DetectionEngine.CreateDefault();
        var corpus = DevCorpus.Load();
        _clean = corpus.Clean.Select(t => new AnalysisRequest(t) { Role = MessageRole.Customer }).ToArray();
        _withPii = corpus.WithPii.Select(t => new AnalysisRequest(t) { Role = MessageRole.Customer }).ToArray();
    }

    /// <summary>One message without personal data (gold spans empty).</summary>
    [Benchmark(Baseline = true)]
    public AnalysisResult CleanMessage()
    {
        var request = _clean[_cleanIndex];
        _cleanIndex = _cleanIndex + 1 == _clean.Length ? 0 : _cleanIndex + 1;
        return _engine.Analyze(request);
    }

    /// <summary>One message with personal data.</summary>
    [Benchmark]
    public AnalysisResult MessageWithPii()
    {
        var request = _withPii[_piiIndex];
        _piiIndex = _piiIndex + 1 == _withPii.Length ? 0 : _piiIndex + 1;
        return _engine.Analyze(request);
    }
}
