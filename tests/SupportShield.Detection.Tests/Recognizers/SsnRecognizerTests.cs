using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class SsnRecognizerTests
{
    private static List<string> Found(string text) =>
        new SsnRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("078-05-1123", "078-05-1123")]
    [TestCase("078.05.1123", "078.05.1123")]
    [TestCase("abc 078 05 1123 abc", "078 05 1123")]
    [TestCase("my ssn is 078-051121", "078-051121")]
    [TestCase("my social security number is 078051121", "078051121")]
    [TestCase("His social security number is 125-17-4954", "125-17-4954")]
    public void Recognize_ValidSsn_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("078-05-1120")]
    [TestCase("123-45-6789")]
    [TestCase("000-12-3456")]
    [TestCase("666-12-3456")]
    [TestCase("912-12-3456")]
    [TestCase("078-00-1123")]
    [TestCase("078-05-0000")]
    [TestCase("693-09.4444")]
    [TestCase("078051121")]
    [TestCase("my ssn is 000000000")]
    public void Recognize_InvalidOrContextFreeDigits_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_NineDigitsWithContext_ExplainsContextBoost()
    {
        var finding = new SsnRecognizer().Recognize("ssn: 078051121", null).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.Explanation.ContextBoost, Is.GreaterThan(0));
            Assert.That(finding.Explanation.ContextWords, Does.Contain("ssn"));
            Assert.That(finding.RuleId, Is.EqualTo("ssn.digits-context"));
        });
    }
}
