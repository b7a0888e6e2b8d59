using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Rules;

namespace SupportShield.Detection.Tests.Rules;

public sealed class DenyListRecognizerTests
{
    private const string Yaml = """
        policy:
          - id: out.block
            direction: outgoing
            types: [PASSWORD_OR_SECRET]
            action: block
            reason: internal code names never leave
        deny:
          - id: deny.codename
            type: PASSWORD_OR_SECRET
            literal: falcon override
          - id: deny.ticket
            type: ACCOUNT_ID
            regex: 'INT-\d{4}'
            score: 0.9
        """;

    private static CompiledRules Rules()
    {
        var result = RulesLoader.Load(Yaml, "deny.yaml");
        Assert.That(result.Errors, Is.Empty);
        return result.Rules!;
    }

    [TestCase("use the Falcon Override if it hangs", "Falcon Override", "deny.codename")]
    [TestCase("FALCON OVERRIDE.", "FALCON OVERRIDE", "deny.codename")]
    [TestCase("escalated as INT-0042 to tier 2", "INT-0042", "deny.ticket")]
    public void Detect_DenyTerm_IsAFinding(string text, string value, string ruleId)
    {
        var finding = Rules().Detector.Detect(text).Single(f => f.RuleId == ruleId);

        Assert.That(finding.Value, Is.EqualTo(value));
        Assert.That(finding.Explanation.Recognizer, Is.EqualTo(nameof(DenyListRecognizer)));
    }

    [TestCase("the falcon overrides were fine")]
    [TestCase("falcon and override")]
    [TestCase("refalcon override")]
    public void Detect_TermInsideOtherWords_IsNotAFinding(string text) =>
        Assert.That(Rules().Detector.Detect(text).Where(f => f.RuleId == "deny.codename"), Is.Empty);

    [Test]
    public void Analyze_DenyTermInAgentReply_IsBlockedByThePolicy()
    {
        var engine = Rules().CreateEngine();

        var result = engine.Analyze(new AnalysisRequest("try the falcon override, then restart"));

        Assert.That(result.Decision.Action, Is.EqualTo(PolicyAction.Block));
        Assert.That(result.Findings.Single().Type, Is.EqualTo(EntityType.PasswordOrSecret));
    }
}
