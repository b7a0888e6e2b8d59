using SupportShield.Detection.Entities;
using SupportShield.Detection.Rules;

namespace SupportShield.Detection.Tests.Rules;

public sealed class AllowListFilterTests
{
    private static readonly AllowListFilter Filter = new(new AllowRules
    {
        Phones = ["+1 (800) 555-0199"],
        Addresses = ["1 Market Street, Suite 400, San Francisco, CA 94105"],
        EmailDomains = ["@shop.example"],
        Exact = ["support-team"],
    });

    private static Finding F(EntityType type, string value) =>
        new(type, 0, value.Length, value, 0.9, "test", new FindingExplanation("Test", "p", 0.9));

    [TestCase(EntityType.Phone, "800-555-0199")]
    [TestCase(EntityType.Phone, "(800) 555 0199")]
    [TestCase(EntityType.Phone, "+18005550199")]
    [TestCase(EntityType.Phone, "001 800.555.0199")]
    [TestCase(EntityType.Email, "help@shop.example")]
    [TestCase(EntityType.Email, "Returns@EU.Shop.Example")]
    [TestCase(EntityType.Address, "1 market st")]
    [TestCase(EntityType.Address, "1 Market Street, Suite 400")]
    [TestCase(EntityType.Address, "1 MARKET ST., STE 400, San Francisco, CA 94105")]
    [TestCase(EntityType.AccountId, "Support-Team")]
    public void Keep_CompanyValue_DropsIt(EntityType type, string value) =>
        Assert.That(Filter.Keep(F(type, value), value), Is.False);

    [TestCase(EntityType.Phone, "800-555-0198")]
    [TestCase(EntityType.Phone, "555-0199")]
    [TestCase(EntityType.Phone, "+44 800 555 0199 12")]
    [TestCase(EntityType.Email, "jane@notshop.example")]
    [TestCase(EntityType.Email, "jane@shop.example.com")]
    [TestCase(EntityType.Address, "1 Market Lane")]
    [TestCase(EntityType.Address, "11 Market Street")]
    [TestCase(EntityType.Email, "support-team@gmail.com")]
    public void Keep_CustomerValue_KeepsIt(EntityType type, string value) =>
        Assert.That(Filter.Keep(F(type, value), value), Is.True);

    [Test]
    public void Detect_RulesWithAllowList_DropsCompanyPhoneAndEmailButKeepsTheCustomers()
    {
        const string yaml = """
            policy:
              - id: p1
                action: hold
                reason: r
            allow:
              phones: ['+1 800 555 0199']
              email_domains: ['@shop.example']
            """;
        var rules = RulesLoader.Load(yaml, "allow.yaml").Rules!;
        const string text = "Call us on (800) 555-0199 or write to help@shop.example; we will call you back on (415) 555-0132 or jane.doe@example.com";

        var values = rules.Detector.Detect(text).Select(f => f.Value).ToList();

        Assert.That(values, Is.EquivalentTo(new[] { "(415) 555-0132", "jane.doe@example.com" }));
    }
}
