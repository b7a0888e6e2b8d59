using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class UrlRecognizerTests
{
    private static List<string> Found(string text) =>
        new UrlRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("see https://www.microsoft.com/store/abc/ now", "https://www.microsoft.com/store/abc/")]
    [TestCase("http://microsoft.vlaanderen", "http://microsoft.vlaanderen")]
    [TestCase("go to www.contoso.com.", "www.contoso.com")]
    [TestCase("\"https://presidio.dataprivacystack.org/\"", "https://presidio.dataprivacystack.org/")]
    [TestCase("visit microsoft.com for help", "microsoft.com")]
    [TestCase("https://webhook.site/a8eedfd6?q=1&b=2, thanks", "https://webhook.site/a8eedfd6?q=1&b=2")]
    public void Recognize_Link_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("www.microsoft")]
    [TestCase("http://microsoft")]
    [TestCase("mail me at someone@example.com")]
    [TestCase("open report.pdf please")]
    [TestCase("version 1.2.3")]
    public void Recognize_NotALink_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
