using SupportShield.Detection.Intent;

namespace SupportShield.Detection.Tests.Intent;

[TestFixture]
public sealed class KeywordGateTests
{
    private static readonly KeywordGate Gate = new(
    [
        (1UL, ["address", "street"]),
        (2UL, ["mail"]),
        (4UL, ["address", "phone number"]),
        (8UL, ["pin"]),
    ]);

    [TestCase("hello there", 0UL)]
    [TestCase("my address", 1UL | 4UL)]
    [TestCase("main street and e-mail", 1UL | 2UL)]
    [TestCase("phone number", 4UL)]
    [TestCase("phone  number", 0UL)]
    [TestCase("shipping", 8UL)]
    [TestCase("ADDRESS", 0UL)]
    [TestCase("pinmailstreet", 1UL | 2UL | 8UL)]
    [TestCase("", 0UL)]
    public void Scan_Text_FindsEveryGroupWithAFragment(string text, ulong expected) =>
        Assert.That(Gate.Scan(text), Is.EqualTo(expected));

    [Test]
    public void Scan_OverlappingFragments_FindsBoth()
    {
        var gate = new KeywordGate([(1UL, ["pass"]), (2UL, ["passport"]), (4UL, ["sport"])]);

        Assert.That(gate.Scan("my passport"), Is.EqualTo(7UL));
    }

    [TestCase("x")]
    [TestCase("éa")]
    public void Constructor_ShortOrNonAsciiFragment_Throws(string fragment) =>
        Assert.That(() => new KeywordGate([(1UL, [fragment])]), Throws.ArgumentException);
}
