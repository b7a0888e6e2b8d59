using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class EmailRecognizerTests
{
    private static List<string> Found(string text) =>
        new EmailRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("my email is info@presidio.site today", "info@presidio.site")]
    [TestCase("cminh730@email.com", "cminh730@email.com")]
    [TestCase("Mail John.Smith+tag@Example.CO.UK.", "John.Smith+tag@Example.CO.UK")]
    [TestCase("user@xn--80ak6aa92e.com", "user@xn--80ak6aa92e.com")]
    [TestCase("<a@b.io>", "a@b.io")]
    public void Recognize_ValidEmail_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("my email is info@presidio.")]
    [TestCase("this is not an email: hello-world here")]
    [TestCase("user@localhost")]
    [TestCase("a..b@example.com")]
    [TestCase("@example.com")]
    public void Recognize_InvalidEmail_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_Email_ExplainsPatternAndRule()
    {
        var finding = new EmailRecognizer().Recognize("write to a@b.com", null).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.RuleId, Is.EqualTo("email.pattern"));
            Assert.That(finding.Explanation.Recognizer, Is.EqualTo(nameof(EmailRecognizer)));
            Assert.That(finding.Explanation.ContextWords, Is.Null);
            Assert.That(finding.Start, Is.EqualTo(9));
            Assert.That(finding.End, Is.EqualTo(16));
        });
    }
}
