using SupportShield.Detection.Entities;
using SupportShield.Detection.Redaction;

namespace SupportShield.Detection.Tests.Redaction;

public sealed class PreviewMaskerTests
{
    [Test]
    public void Mask_FindingsAndStrayDigits_ShowsTypesAndHashes()
    {
        const string text = "Email jane@example.com, order 5521";
        var email = new Finding(EntityType.Email, 6, 22, "jane@example.com", 1, "email", new FindingExplanation("T", "p", 1));

        var preview = PreviewMasker.Mask(text, [email]);

        Assert.That(preview, Is.EqualTo("Email <EMAIL>, order ####"));
    }

    [Test]
    public void Mask_LongText_IsCut() =>
        Assert.That(PreviewMasker.Mask(new string('a', 500), []), Has.Length.EqualTo(PreviewMasker.DefaultMaxLength + 1).And.EndsWith("…"));

    [Test]
    public void Mask_ControlCharacters_BecomeSpaces() =>
        Assert.That(PreviewMasker.Mask("a\nb", []), Is.EqualTo("a b"));
}
