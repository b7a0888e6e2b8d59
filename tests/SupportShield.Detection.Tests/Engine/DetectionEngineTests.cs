using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Tests.Engine;

[TestFixture]
public sealed class DetectionEngineTests
{
    [TestCase("my email is j.doe@example.com", 1)]
    [TestCase("thanks, that is all", 0)]
    public void Analyze_CustomerMessage_GivesClassifierTheFindings(string text, int expected)
    {
        var classifier = new RecordingClassifier();
        var engine = new DetectionEngine(new PiiDetector(), classifier, new PolicyEvaluator(PolicyTable.Default));

        var result = engine.Analyze(new AnalysisRequest(text) { Role = MessageRole.Customer });

        Assert.Multiple(() =>
        {
            Assert.That(classifier.Given, Is.Not.Null);
            Assert.That(classifier.Given, Is.EqualTo(result.Findings));
            Assert.That(classifier.Given!, Has.Count.EqualTo(expected));
        });
    }

    [Test]
    public void Analyze_AgentMessage_DoesNotClassify()
    {
        var classifier = new RecordingClassifier();
        var engine = new DetectionEngine(new PiiDetector(), classifier, new PolicyEvaluator(PolicyTable.Default));

        var result = engine.Analyze(new AnalysisRequest("my email is j.doe@example.com") { Role = MessageRole.Agent });

        Assert.Multiple(() =>
        {
            Assert.That(classifier.Given, Is.Null);
            Assert.That(result.Intent, Is.Null);
        });
    }

    [Test]
    public void Analyze_DefaultEngine_SameIntentAsClassifierAlone()
    {
        const string text = "reach me on j.doe@example.com";
        var engine = DetectionEngine.CreateDefault();

        var result = engine.Analyze(new AnalysisRequest(text) { Role = MessageRole.Customer });

        var alone = new CustomerIntentClassifier().Classify(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Intent?.RuleId, Is.EqualTo(alone.RuleId));
            Assert.That(result.Intent?.Fields, Is.EqualTo(alone.Fields));
            Assert.That(result.Intent?.Intent, Is.EqualTo(CustomerIntent.ProvidePii));
        });
    }

    private sealed class RecordingClassifier : ICustomerIntentClassifier
    {
        public IReadOnlyList<Finding>? Given { get; private set; }

        public IntentResult Classify(string text) => throw new InvalidOperationException("the engine should pass its findings");

        public IntentResult Classify(string text, IReadOnlyList<Finding> findings)
        {
            Given = findings;
            return IntentResult.None;
        }
    }
}
