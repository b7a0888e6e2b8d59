using Microsoft.Extensions.Time.Testing;
using SupportShield.Detection;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Security;

namespace SupportShield.Middleware.Tests.Audit;

public sealed class AuditRecordFactoryTests
{
    [Test]
    public void ForDecision_KeepsTypesRulesMaskedPreviewAndHashes_NeverTheValues()
    {
        var factory = new AuditRecordFactory(new KeyedHasher(new byte[32]), new FakeTimeProvider());
        const string text = "Reach me at jane.doe@example.com or 503-555-0142";
        var findings = new PiiDetector().Detect(text);

        var record = factory.ForDecision("c", "outgoing", "held", findings.ToList(), [], AuditRecordFactory.Preview(text, findings));
        var all = string.Join("|", record.EntityTypes.Concat(record.RuleIds).Concat(record.ValueHashes).Append(record.MaskedPreview));

        Assert.That(record.EntityTypes, Is.SupersetOf(new[] { "EMAIL", "PHONE" }));
        Assert.That(record.ValueHashes, Has.Count.EqualTo(findings.Count));
        Assert.That(all, Does.Not.Contain("jane").And.Not.Contain("0142").And.Not.Contain("555"));
    }

    [Test]
    public void HashValue_SameValueDifferentFormatting_Correlates()
    {
        var factory = new AuditRecordFactory(new KeyedHasher(new byte[32]), new FakeTimeProvider());

        Assert.That(factory.HashValue("503-555-0142"), Is.EqualTo(factory.HashValue("503 555 0142")));
        Assert.That(factory.HashValue("Jane.Doe@Example.com"), Is.EqualTo(factory.HashValue("jane.doe@example.com")));
    }
}
