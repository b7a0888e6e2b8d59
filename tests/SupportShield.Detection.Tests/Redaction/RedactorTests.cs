using SupportShield.Detection.Entities;
using SupportShield.Detection.Redaction;

namespace SupportShield.Detection.Tests.Redaction;

public sealed class RedactorTests
{
    private static Finding At(EntityType type, int start, int end) =>
        new(type, start, end, "v", 1, "r", new FindingExplanation("T", "p", 1));

    [Test]
    public void Redact_Spans_ReplacesEachWithItsTypeAndKeepsTheRest()
    {
        const string text = "Card 4111 1111 1111 1111, SSN 123-45-6789.";

        var redacted = Redactor.Redact(text, [At(EntityType.Ssn, 30, 41), At(EntityType.CreditCard, 5, 24)]);

        Assert.That(redacted, Is.EqualTo("Card [CREDIT_CARD REDACTED], SSN [SSN REDACTED]."));
    }

    [Test]
    public void Redact_OverlappingSpans_RedactsOnce() =>
        Assert.That(Redactor.Redact("abcdefgh", [At(EntityType.Email, 1, 5), At(EntityType.Url, 3, 7)]), Is.EqualTo("a[EMAIL REDACTED]fgh"));

    [Test]
    public void Redact_NoFindings_ReturnsTextUnchanged() =>
        Assert.That(Redactor.Redact("hello", []), Is.EqualTo("hello"));
}
