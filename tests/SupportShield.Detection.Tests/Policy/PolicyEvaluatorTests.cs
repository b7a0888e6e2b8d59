using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private static readonly PolicyEvaluator Default = new(PolicyTable.Default);

    private static Finding F(EntityType type, string? onFile = null) =>
        new(type, 0, 4, "xxxx", 0.9, "test.rule", new FindingExplanation("Test", "p", 0.9), onFile);

    private static PolicyContext Out(bool verified) => new(ScreeningDirection.Outgoing, verified);

    // The v1 policy table, row by row: direction, verification state, type, on-file → action.
    [TestCase(false, EntityType.Address, null, PolicyAction.Hold)]
    [TestCase(false, EntityType.Address, "address", PolicyAction.Hold)]
    [TestCase(false, EntityType.Phone, "phone.last4", PolicyAction.Hold)]
    [TestCase(false, EntityType.Email, null, PolicyAction.Hold)]
    [TestCase(false, EntityType.CreditCard, null, PolicyAction.Hold)]
    [TestCase(false, EntityType.Ssn, null, PolicyAction.Hold)]
    [TestCase(false, EntityType.DateOfBirth, "dob", PolicyAction.Hold)]
    [TestCase(false, EntityType.Url, null, PolicyAction.Allow)]
    [TestCase(false, EntityType.Person, null, PolicyAction.Allow)]
    [TestCase(false, EntityType.Person, "name", PolicyAction.Hold)]
    [TestCase(true, EntityType.Address, "address", PolicyAction.Allow)]
    [TestCase(true, EntityType.Phone, null, PolicyAction.Allow)]
    [TestCase(true, EntityType.CreditCard, null, PolicyAction.Redact)]
    [TestCase(true, EntityType.Ssn, null, PolicyAction.Redact)]
    [TestCase(true, EntityType.PasswordOrSecret, null, PolicyAction.Redact)]
    [TestCase(true, EntityType.Url, null, PolicyAction.Allow)]
    public void Evaluate_DefaultTableOutgoing_GivesTheTableAction(bool verified, EntityType type, string? onFile, PolicyAction expected)
    {
        var decision = Default.Evaluate([F(type, onFile)], Out(verified));

        Assert.That(decision.Action, Is.EqualTo(expected));
    }

    [TestCase(EntityType.CreditCard)]
    [TestCase(EntityType.Address)]
    [TestCase(EntityType.PasswordOrSecret)]
    public void Evaluate_Incoming_AllowsTheCustomersOwnData(EntityType type) =>
        Assert.That(Default.Evaluate([F(type)], new PolicyContext(ScreeningDirection.Incoming, false)).Action, Is.EqualTo(PolicyAction.Allow));

    [Test]
    public void Evaluate_NoFindings_Allows() =>
        Assert.That(Default.Evaluate([], Out(false)), Is.SameAs(PolicyDecision.Allow));

    [Test]
    public void Evaluate_SeveralFindings_TakesTheStrongestActionAndListsRedactions()
    {
        var card = F(EntityType.CreditCard);
        var address = F(EntityType.Address, "address");

        var verified = Default.Evaluate([address, card], Out(true));
        var unverified = Default.Evaluate([address, card], Out(false));

        Assert.That(verified.Action, Is.EqualTo(PolicyAction.Redact));
        Assert.That(verified.Redactions, Is.EqualTo(new[] { card }));
        Assert.That(unverified.Action, Is.EqualTo(PolicyAction.Hold));
        Assert.That(unverified.Reasons.Select(r => r.Type), Is.EquivalentTo(new[] { "ADDRESS", "CREDIT_CARD" }));
    }

    [Test]
    public void Evaluate_Reason_SaysInPlainWordsWhatAndWhy()
    {
        var decision = Default.Evaluate([F(EntityType.Address, "address")], Out(false));
        var reason = decision.Reasons.Single();

        Assert.That(reason.Detail, Is.EqualTo("holds a street address on file for this account (address); customer not verified"));
        Assert.That(reason.Rule, Is.EqualTo("test.rule"));
        Assert.That(reason.PolicyRule, Is.EqualTo("outgoing.unverified.hold"));
    }

    [Test]
    public void Evaluate_OutgoingFindingNoRowMatches_FailsClosedWithHold()
    {
        var empty = new PolicyEvaluator(new PolicyTable([]));

        var decision = empty.Evaluate([F(EntityType.Email)], Out(true));

        Assert.That(decision.Action, Is.EqualTo(PolicyAction.Hold));
        Assert.That(decision.Reasons.Single().PolicyRule, Is.EqualTo("fallback.fail-closed"));
    }

    [Test]
    public void Evaluate_TableFunction_IsReadOnEveryCall()
    {
        var table = PolicyTable.Default;
        var evaluator = new PolicyEvaluator(() => table);
        Assert.That(evaluator.Evaluate([F(EntityType.Email)], Out(true)).Action, Is.EqualTo(PolicyAction.Allow));

        table = new PolicyTable([new PolicyRule { Id = "block-email", Types = new HashSet<EntityType> { EntityType.Email }, Action = PolicyAction.Block, Reason = "r" }]);

        Assert.That(evaluator.Evaluate([F(EntityType.Email)], Out(true)).Action, Is.EqualTo(PolicyAction.Block));
    }

    [Test]
    public void PolicyTable_DuplicateRuleIds_Throws() =>
        Assert.That(
            () => new PolicyTable([
                new PolicyRule { Id = "a", Action = PolicyAction.Allow, Reason = "r" },
                new PolicyRule { Id = "a", Action = PolicyAction.Hold, Reason = "r" },
            ]),
            Throws.ArgumentException.With.Message.Contain("'a'"));
}
