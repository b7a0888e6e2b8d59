using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Rules;

namespace SupportShield.Detection.Tests.Rules;

public sealed class RulesLoaderTests
{
    /// <summary>A valid policy table appended after each broken section, so that only the section under test is wrong.</summary>
    private const string ValidPolicy = "policy:\n  - id: p1\n    action: hold\n    reason: r\n";

    [Test]
    public void LoadDefault_BundledFile_HasTodaysPolicyRows()
    {
        var rules = RulesLoader.LoadDefault();

        var expected = PolicyTable.Default.Rules;
        var actual = rules.PolicyTable.Rules;
        Assert.That(actual.Select(r => r.Id), Is.EqualTo(expected.Select(r => r.Id)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Multiple(() =>
            {
                Assert.That(actual[i].Direction, Is.EqualTo(expected[i].Direction), expected[i].Id);
                Assert.That(actual[i].CustomerVerified, Is.EqualTo(expected[i].CustomerVerified), expected[i].Id);
                Assert.That(actual[i].Types, Is.EquivalentTo(expected[i].Types), expected[i].Id);
                Assert.That(actual[i].ExceptTypes, Is.EquivalentTo(expected[i].ExceptTypes), expected[i].Id);
                Assert.That(actual[i].OnFile, Is.EqualTo(expected[i].OnFile), expected[i].Id);
                Assert.That(actual[i].Action, Is.EqualTo(expected[i].Action), expected[i].Id);
                Assert.That(actual[i].Reason, Is.EqualTo(expected[i].Reason), expected[i].Id);
            });
        }
    }

    [Test]
    public void LoadDefault_BundledFile_HasTodaysDetectorSettings()
    {
        var options = RulesLoader.LoadDefault().DetectorOptions;
        var today = new DetectorOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Threshold, Is.EqualTo(PiiDetector.DefaultThreshold));
            Assert.That(options.TypeThresholds, Is.Empty);
            Assert.That(options.DisabledTypes, Is.Empty);
            Assert.That(options.Filters, Is.Empty);
            Assert.That(options.Recognizers.Select(r => r.Name), Is.EqualTo(today.Recognizers.Select(r => r.Name)));
            Assert.That(options.Normalizer.GetType(), Is.EqualTo(today.Normalizer.GetType()));
        });
    }

    [TestCase("Call me on (415) 555-0132, my card is 4111 1111 1111 1111 and I live at 12 Oak Street, Springfield", false)]
    [TestCase("Call me on (415) 555-0132, my card is 4111 1111 1111 1111 and I live at 12 Oak Street, Springfield", true)]
    [TestCase("Sure, see https://shop.example/help for the return form", false)]
    [TestCase("Your email on file is jane.doe@example.com and your ssn is 078-05-1120", true)]
    public void LoadDefault_Message_SameFindingsAndDecisionAsTodaysEngine(string text, bool verified)
    {
        var today = new PiiDetector();
        var rules = RulesLoader.LoadDefault();
        var context = new PolicyContext(ScreeningDirection.Outgoing, verified);

        var expectedFindings = today.Detect(text);
        var actualFindings = rules.Detector.Detect(text);
        var expected = new PolicyEvaluator(PolicyTable.Default).Evaluate(expectedFindings, context);
        var actual = new PolicyEvaluator(rules.PolicyTable).Evaluate(actualFindings, context);

        Assert.That(actualFindings, Is.EqualTo(expectedFindings).Using<Finding>(SameFinding));
        Assert.That(actualFindings, Is.Not.Empty);
        Assert.That(actual.Action, Is.EqualTo(expected.Action));
        Assert.That(actual.Reasons.Select(r => r.PolicyRule), Is.EqualTo(expected.Reasons.Select(r => r.PolicyRule)));
    }

    [Test]
    public void Load_FullFile_ReadsEverySection()
    {
        const string yaml = """
            version: 1
            threshold: 0.45
            types:
              PHONE: { enabled: true, threshold: 0.6 }
              ZIP: { enabled: false }
            policy:
              - id: out.secrets.block
                direction: outgoing
                verified: any
                types: [PASSWORD_OR_SECRET]
                except_types: [URL]
                on_file: false
                action: block
                reason: secrets never leave
            recognizers:
              - id: shop.order
                type: ORDER_ID
                regex: '\bSO-\d{8}\b'
                score: 0.4
                validator: none
                context: [order]
                context_boost: 0.4
            allow:
              phones: ['+1 800 555 0199']
              addresses: ['1 Market Street']
              email_domains: ['@shop.example']
              exact: ['support-team']
            deny:
              - id: deny.codename
                type: PASSWORD_OR_SECRET
                literal: falcon override
            """;

        var result = RulesLoader.Load(yaml, "test.yaml");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Succeeded, Is.True);
        var file = result.Rules!.File;
        var row = file.Policy.Single();
        Assert.Multiple(() =>
        {
            Assert.That(file.Threshold, Is.EqualTo(0.45));
            Assert.That(file.Types[EntityType.Phone], Is.EqualTo(new TypeRule(true, 0.6)));
            Assert.That(file.Types[EntityType.Zip].Enabled, Is.False);
            Assert.That(row.Direction, Is.EqualTo(ScreeningDirection.Outgoing));
            Assert.That(row.CustomerVerified, Is.Null);
            Assert.That(row.Types, Is.EquivalentTo(new[] { EntityType.PasswordOrSecret }));
            Assert.That(row.ExceptTypes, Is.EquivalentTo(new[] { EntityType.Url }));
            Assert.That(row.OnFile, Is.False);
            Assert.That(row.Action, Is.EqualTo(PolicyAction.Block));
            Assert.That(file.Recognizers.Single().ContextWords, Is.EqualTo(new[] { "order" }));
            Assert.That(file.Allow.EmailDomains, Is.EqualTo(new[] { "@shop.example" }));
            Assert.That(file.Deny.Single().Literal, Is.EqualTo("falcon override"));
            Assert.That(result.Rules.DetectorOptions.ThresholdFor(EntityType.Phone), Is.EqualTo(0.6));
            Assert.That(result.Rules.DetectorOptions.ThresholdFor(EntityType.Email), Is.EqualTo(0.45));
            Assert.That(result.Rules.DetectorOptions.DisabledTypes, Is.EquivalentTo(new[] { EntityType.Zip }));
        });
    }

    // Each broken file → the line of the problem and a fragment of its message.
    [TestCase("treshold: 0.5\n" + ValidPolicy, 1, "unknown key 'treshold'")]
    [TestCase("threshold: 1.5\n" + ValidPolicy, 1, "outside 0..1")]
    [TestCase("threshold: high\n" + ValidPolicy, 1, "not a number")]
    [TestCase("types:\n  PHONE: { enabled: true, threshold: -0.1 }\n" + ValidPolicy, 2, "outside 0..1")]
    [TestCase("types:\n  PHONE: { enabled: true }\n  FONE: { enabled: true }\n" + ValidPolicy, 3, "unknown entity type 'FONE'")]
    [TestCase("types:\n  PHONE: { enabled: maybe }\n" + ValidPolicy, 2, "expected true or false")]
    [TestCase("types:\n  PHONE: { enabled: true, treshold: 0.6 }\n" + ValidPolicy, 2, "unknown key 'treshold'")]
    [TestCase("policy:\n  - id: a\n    action: drop\n    reason: r\n", 3, "unknown action 'drop'")]
    [TestCase("policy:\n  - id: a\n    direction: sideways\n    action: hold\n    reason: r\n", 3, "unknown direction 'sideways'")]
    [TestCase("policy:\n  - id: a\n    verified: perhaps\n    action: hold\n    reason: r\n", 3, "expected true, false or any")]
    [TestCase("policy:\n  - id: a\n    action: hold\n    reason: r\n  - id: a\n    action: allow\n    reason: r\n", 5, "duplicate id 'a' (first used on line 2)")]
    [TestCase("policy:\n  - id: a\n    types: [PHONE,\n            SOCIAL]\n    action: hold\n    reason: r\n", 4, "unknown entity type 'SOCIAL'")]
    [TestCase("policy:\n  - id: a\n    action: hold\n", 2, "has no 'reason'")]
    [TestCase("policy:\n  - id: a\n    reason: r\n", 2, "has no 'action'")]
    [TestCase("policy: []\n", 1, "no rows")]
    [TestCase("threshold: 0.5\n", 1, "no 'policy'")]
    [TestCase("", 1, "empty")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-(\\d+'\n    score: 0.5\n", 8, "invalid regex")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: '\\d*'\n    score: 0.5\n", 8, "matches the empty string")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-\\d+'\n    score: 0.5\n    validator: crc\n", 10, "unknown validator 'crc'")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-\\d+'\n    score: 0.5\n    contxt: [order]\n", 10, "unknown key 'contxt'")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_NUMBER\n    regex: 'SO-\\d+'\n    score: 0.5\n", 7, "unknown entity type 'ORDER_NUMBER'")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-\\d+'\n", 6, "has no 'score'")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-\\d+'\n    score: 0.5\n    context_boost: 2\n", 10, "outside 0..1")]
    [TestCase(ValidPolicy + "recognizers:\n  - id: x\n    type: ORDER_ID\n    regex: 'SO-\\d+'\n    score: 0.5\ndeny:\n  - id: x\n    type: ORDER_ID\n    literal: SO-1\n", 11, "duplicate id 'x' (first used on line 6)")]
    [TestCase(ValidPolicy + "deny:\n  - id: d\n    type: ORDER_ID\n    literal: SO-1\n    regex: 'SO-\\d'\n", 6, "exactly one of 'literal' or 'regex'")]
    [TestCase(ValidPolicy + "deny:\n  - id: d\n    type: ORDER_ID\n    regex: '[unclosed'\n", 8, "invalid regex")]
    [TestCase(ValidPolicy + "allow:\n  email_domains: ['@shop.example', 'shop']\n", 6, "not an email domain")]
    [TestCase(ValidPolicy + "allow:\n  phones: ['+1 800 555 0199', '112']\n", 6, "at least 7 digits")]
    [TestCase(ValidPolicy + "allow:\n  phone: ['+1 800 555 0199']\n", 6, "unknown key 'phone'")]
    [TestCase("threshold: 0.5\ntypes:\n  PHONE: { enabled: true\n" + ValidPolicy, 3, "YAML syntax error")]
    [TestCase("threshold: 0.5\npolicy:\n  - id: a\n    action: hold\n   reason: r\n", 5, "YAML syntax error")]
    [TestCase("threshold: 0.5\nthreshold: 0.6\n" + ValidPolicy, 2, "YAML syntax error")]
    public void Load_BrokenFile_ReportsTheLineAndProblem(string yaml, int line, string fragment)
    {
        var result = RulesLoader.Load(yaml, "broken.yaml");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors, Has.Some.Matches<RulesError>(e => e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal)),
            string.Join("\n", result.Errors));
        Assert.That(result.Describe(), Does.Contain("broken.yaml: line " + line));
    }

    [Test]
    public void Load_SeveralProblems_ReportsEachInLineOrder()
    {
        const string yaml = "treshold: 0.5\ntypes:\n  FONE: { enabled: true }\npolicy:\n  - id: a\n    action: drop\n    reason: r\n";

        var result = RulesLoader.Load(yaml, "broken.yaml");

        Assert.That(result.Errors.Select(e => e.Line), Is.EqualTo(new[] { 1, 3, 6 }));
    }

    private static bool SameFinding(Finding a, Finding b) =>
        a.Type == b.Type && a.Start == b.Start && a.End == b.End && a.Score.Equals(b.Score) && a.RuleId == b.RuleId;
}
