using SupportShield.Detection.Conversation;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Engine;

/// <summary>
/// The whole engine behind one call: normalisation, recognizers, conversation-aware detection, customer intent and the
/// policy decision. The middleware, the <c>supportshield</c> command and the benchmarks all call it the same way.
/// </summary>
public sealed class DetectionEngine
{
    private readonly PiiDetector _detector;
    private readonly ICustomerIntentClassifier _intents;
    private readonly PolicyEvaluator _policy;
    private readonly IReadOnlyList<IConversationDetector> _conversation;

    public DetectionEngine(PiiDetector detector, ICustomerIntentClassifier intents, PolicyEvaluator policy, IEnumerable<IConversationDetector>? conversationDetectors = null)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        _intents = intents ?? throw new ArgumentNullException(nameof(intents));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _conversation = conversationDetectors?.ToArray() ?? DefaultConversationDetectors(_detector);
    }

    /// <summary>The engine with its default parts and the default policy table.</summary>
    public static DetectionEngine CreateDefault() =>
        new(new PiiDetector(), new CustomerIntentClassifier(), new PolicyEvaluator(PolicyTable.Default));

    /// <summary>The conversation-aware detectors used by default, reading through <paramref name="detector"/>.</summary>
    public static IReadOnlyList<IConversationDetector> DefaultConversationDetectors(PiiDetector detector) =>
        [new SplitValueDetector(detector), new ConfirmationDetector()];

    /// <summary>The detector.</summary>
    public PiiDetector Detector => _detector;

    /// <summary>The policy.</summary>
    public PolicyEvaluator Policy => _policy;

    /// <summary>Analyses one message.</summary>
    public AnalysisResult Analyze(AnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var normalized = _detector.Options.Normalizer.Normalize(request.Text);
        var findings = _detector.Detect(normalized, request.Account);
        // Most messages have no conversation context: they share one empty list.
        List<Finding>? conversation = null;
        if (request.RecentFromSameSender.Count > 0 || request.PreviousFromOtherParty is not null)
        {
            foreach (var detector in _conversation)
            {
                foreach (var finding in detector.Detect(request, normalized, findings))
                {
                    (conversation ??= []).Add(finding);
                }
            }
        }

        // The classifier reads the findings the engine reports rather than scanning the message a second time.
        var intent = request.Role == MessageRole.Customer ? _intents.Classify(request.Text, findings) : null;
        var direction = request.Role == MessageRole.Customer ? ScreeningDirection.Incoming : ScreeningDirection.Outgoing;
        IReadOnlyList<Finding> all = conversation is null ? findings : [.. findings, .. conversation];
        var decision = _policy.Evaluate(all, new PolicyContext(direction, request.CustomerVerified));
        return new AnalysisResult(normalized, findings, conversation ?? (IReadOnlyList<Finding>)[], intent, decision);
    }
}
