using SupportShield.Cli.Scanning;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;

namespace SupportShield.Cli.Evaluation;

/// <summary>Runs the engine over labelled corpora and scores it.</summary>
public sealed class CorpusEvaluator
{
    private readonly DetectionEngine _engine;

    public CorpusEvaluator(DetectionEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    /// <summary>Scores the engine's findings against a span corpus (each line analysed as a customer message without an account).</summary>
    public SpanEvaluation EvaluateSpans(TextReader corpus, Action<int, string> onError)
    {
        var evaluation = new SpanEvaluation();
        var predicted = new List<LabelledSpan>();
        foreach (var line in CorpusReader.ReadSpans(corpus, onError))
        {
            predicted.Clear();
            foreach (var finding in _engine.Analyze(new AnalysisRequest(line.Text) { Role = MessageRole.Customer }).AllFindings)
            {
                predicted.Add(new LabelledSpan(finding.Start, finding.End, finding.Type.ToCanonicalName()));
            }

            evaluation.Add(line.Spans, predicted);
        }

        return evaluation;
    }

    /// <summary>The intent confusion matrix over the customer turns of an intent corpus; other turns are skipped.</summary>
    public IntentConfusionMatrix EvaluateIntents(TextReader corpus, Action<int, string> onError)
    {
        var matrix = new IntentConfusionMatrix(IntentNames.All);
        foreach (var line in CorpusReader.ReadIntents(corpus, onError, IntentNames.All))
        {
            if (!string.Equals(line.Role, "customer", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var result = _engine.Analyze(new AnalysisRequest(line.Text) { Role = MessageRole.Customer });
            matrix.Add(line.Label, IntentNames.Of(result.Intent));
        }

        return matrix;
    }
}
