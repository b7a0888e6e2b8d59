using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class ZipRecognizerTests
{
    private static List<string> Found(string text) =>
        new ZipRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("zip code 62838", "62838")]
    [TestCase("my postcode is 97401-1234", "97401-1234")]
    [TestCase("postal code: 2200", "2200")]
    [TestCase("SW1A 1AA", "SW1A 1AA")]
    [TestCase("EC1A1BB", "EC1A1BB")]
    [TestCase("GIR 0AA", "GIR 0AA")]
    public void Recognize_PostcodeWithContextOrUkFormat_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("I ordered 62838 units")]
    [TestCase("order 12345 arrived")]
    [TestCase("QA1 1AA")]
    [TestCase("M1 1CA")]
    [TestCase("M1 1AI")]
    public void Recognize_NoContextOrInvalidFormat_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
