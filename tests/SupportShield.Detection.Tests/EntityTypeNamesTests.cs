using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Tests;

public sealed class EntityTypeNamesTests
{
    [Test]
    public void All_IsTheCanonicalList() =>
        Assert.That(EntityTypeNames.All, Is.EqualTo(new[]
        {
            "PERSON", "EMAIL", "PHONE", "ADDRESS", "ZIP", "CREDIT_CARD", "CARD_LAST4", "SSN", "DATE_OF_BIRTH", "IP_ADDRESS",
            "IBAN", "BANK_ACCOUNT", "ROUTING_NUMBER", "ACCOUNT_ID", "ORDER_ID", "PASSPORT", "DRIVER_LICENSE", "URL", "PASSWORD_OR_SECRET",
        }));

    [TestCase("credit_card", EntityType.CreditCard)]
    [TestCase(" SSN ", EntityType.Ssn)]
    public void TryParse_CanonicalName_ReturnsType(string name, EntityType expected)
    {
        Assert.That(EntityTypeNames.TryParse(name, out var type), Is.True);
        Assert.That(type, Is.EqualTo(expected));
    }

    [TestCase("CREDITCARD")]
    [TestCase("")]
    [TestCase(null)]
    public void TryParse_Unknown_ReturnsFalse(string? name) =>
        Assert.That(EntityTypeNames.TryParse(name, out _), Is.False);
}
