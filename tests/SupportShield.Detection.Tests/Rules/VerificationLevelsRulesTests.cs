using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Rules;

namespace SupportShield.Detection.Tests.Rules;

/// <summary>Step-up levels in the rules file: which types each way of verifying unlocks.</summary>
public sealed class VerificationLevelsRulesTests
{
    private const string Policy = """
        policy:
          - id: out.unverified.hold
            direction: outgoing
            verified: false
            action: hold
            reason: not verified
          - id: out.verified.allow
            direction: outgoing
            verified: true
            action: allow
            reason: verified
        """;

    private static Finding F(EntityType type) => new(type, 0, 4, "xxxx", 0.9, "r", new FindingExplanation("T", "p", 0.9));

    [Test]
    public void Load_EmailCodeUnlocksAddressOnly_BankDetailsStayHeldUntilAStrongerLevel()
    {
        var result = RulesLoader.Load(Policy + "\nverification_levels:\n  email_code: [ADDRESS, PHONE]\n  channel_identity: [ALL]\n", "t.yaml");
        Assert.That(result.Errors, Is.Empty);
        var evaluator = new PolicyEvaluator(result.Rules!.PolicyTable);

        PolicyAction Action(EntityType type, string level) =>
            evaluator.Evaluate([F(type)], new PolicyContext(ScreeningDirection.Outgoing, true, level)).Action;

        Assert.That(Action(EntityType.Address, VerificationLevels.EmailCode), Is.EqualTo(PolicyAction.Allow));
        Assert.That(Action(EntityType.Iban, VerificationLevels.EmailCode), Is.EqualTo(PolicyAction.Hold));
        Assert.That(Action(EntityType.Iban, VerificationLevels.ChannelIdentity), Is.EqualTo(PolicyAction.Allow));
        Assert.That(Action(EntityType.Iban, VerificationLevels.SmsCode), Is.EqualTo(PolicyAction.Allow), "a level left out unlocks everything");
    }

    [Test]
    public void Load_NoLevels_VerifiedUnlocksEverything()
    {
        var result = RulesLoader.Load(Policy, "t.yaml");
        var evaluator = new PolicyEvaluator(result.Rules!.PolicyTable);

        Assert.That(evaluator.Evaluate([F(EntityType.Iban)], new PolicyContext(ScreeningDirection.Outgoing, true, VerificationLevels.EmailCode)).Action, Is.EqualTo(PolicyAction.Allow));
    }

    [TestCase("verification_levels:\n  voice_call: [ADDRESS]\n", "unknown key 'voice_call'")]
    [TestCase("verification_levels:\n  email_code: [ADRESS]\n", "ADRESS")]
    [TestCase("verification_levels: [email_code]\n", "must be a mapping")]
    public void Load_BadLevels_NamesTheLine(string levels, string fragment)
    {
        var result = RulesLoader.Load(Policy + "\n" + levels, "t.yaml");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors.Select(e => e.Message), Has.Some.Contain(fragment));
        var firstLevelsLine = Policy.Split('\n').Length + 1;
        Assert.That(result.Errors.Select(e => e.Line), Has.All.GreaterThanOrEqualTo(firstLevelsLine));
    }

    [Test]
    public void BundledDefault_EveryLevelUnlocksEveryType()
    {
        var table = RulesLoader.LoadDefault().PolicyTable;

        Assert.That(VerificationLevels.All.All(level => Enum.GetValues<EntityType>().All(type => table.Unlocks(level, type))), Is.True);
        Assert.That(table.StepUp.Keys, Is.EquivalentTo(VerificationLevels.All));
    }
}
