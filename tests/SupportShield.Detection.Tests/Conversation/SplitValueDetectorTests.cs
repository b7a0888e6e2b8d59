using SupportShield.Detection.Conversation;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests.Conversation;

[TestFixture]
public sealed class SplitValueDetectorTests
{
    private static AnalysisResult Analyze(string text, params string[] recent) =>
        DetectionEngine.CreateDefault().Analyze(new AnalysisRequest(text) { Role = MessageRole.Customer, RecentFromSameSender = recent });

    [TestCase("1111 1111", new[] { "my card is 4111 1111" }, EntityType.CreditCard, "1111 1111")]
    [TestCase("1111 1111 thanks", new[] { "hi", "my card is 4111", "1111" }, EntityType.CreditCard, "1111 1111")]
    [TestCase("0132", new[] { "call me on 415", "555" }, EntityType.Phone, "0132")]
    [TestCase("4719", new[] { "ssn is 536-22-" }, EntityType.Ssn, "4719")]
    [TestCase("１１１１ １１１１", new[] { "card 4111 1111" }, EntityType.CreditCard, "１１１１ １１１１")]
    [TestCase("one one one one", new[] { "card four one one one one one one one", "one one one one" }, EntityType.CreditCard, "one one one one")]
    [TestCase("and then 1111 1111", new[] { "The card on the order starts 4111 1111" }, EntityType.CreditCard, "1111 1111")]
    [TestCase("the rest is: 1111 1111", new[] { "card 4111 1111" }, EntityType.CreditCard, "1111 1111")]
    public void Analyze_ValueSplitOverMessages_ReportsTheCurrentPart(string text, string[] recent, EntityType type, string part)
    {
        var finding = Analyze(text, recent).ConversationFindings.Single();
        var at = text.IndexOf(part, StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(finding.Type, Is.EqualTo(type));
            Assert.That(finding.RuleId, Is.EqualTo(SplitValueDetector.RuleId));
            Assert.That(finding.Start, Is.EqualTo(at));
            Assert.That(finding.End, Is.EqualTo(at + part.Length));
            Assert.That(finding.Value, Is.EqualTo(part));
            Assert.That(finding.Explanation.Pattern, Is.EqualTo($"split:{type.ToCanonicalName()}"));
        });
    }

    [TestCase("1111 1111", new string[0])]
    [TestCase("thanks!", new[] { "my card is 4111 1111 1111 1111" })]
    [TestCase("1234 5678", new[] { "my order is 4111 1111" })]
    [TestCase("see you", new[] { "call me on 415" })]
    [TestCase("we shipped it on the 4th of 1111 lines", new[] { "card 4111 1111" })]
    public void Analyze_NoValueAcrossTheBoundary_ReportsNothing(string text, string[] recent) =>
        Assert.That(Analyze(text, recent).ConversationFindings, Is.Empty);

    [Test]
    public void Analyze_SplitCard_DecisionSeesIt()
    {
        var whole = Analyze("4111 1111 1111 1111");
        var split = Analyze("1111 1111", "my card is 4111 1111");
        Assert.That(split.Decision.Action, Is.EqualTo(whole.Decision.Action));
    }

    [Test]
    public void Detect_OnlyOlderMessagesBeyondTheLimit_AreIgnored()
    {
        var detector = new SplitValueDetector(new PiiDetector(), maxMessages: 1);
        var request = new AnalysisRequest("1111") { RecentFromSameSender = ["4111 1111", "1111"] };
        var findings = detector.Detect(request, SupportShield.Detection.Normalization.NormalizedText.Identity(request.Text), []);
        Assert.That(findings, Is.Empty);
    }

    [Test]
    public void Constructor_NullDetector_Throws() =>
        Assert.That(() => new SplitValueDetector(null!), Throws.ArgumentNullException);
}
