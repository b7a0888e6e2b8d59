using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PhoneRecognizerTests
{
    private static List<string> Found(string text) =>
        new PhoneRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold)
            .OrderBy(f => f.Start).Select(f => f.Value).Distinct().ToList();

    [TestCase("call me at (415) 555-0132", "(415) 555-0132")]
    [TestCase("US: 415-555-0132", "415-555-0132")]
    [TestCase("my international one is +1 415 555 0132", "+1 415 555 0132")]
    [TestCase("Brazil: +55 11 98456 5666", "+55 11 98456 5666")]
    [TestCase("(977) 625-2661", "(977) 625-2661")]
    [TestCase("My Israeli number is 09-7625400", "09-7625400")]
    [TestCase("UK mobile 07700 900123", "07700 900123")]
    public void Recognize_PhoneNumber_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Has.Some.Contains(expected.TrimStart('+')));

    [TestCase("Today is 2024-03-15")]
    [TestCase("order 12345")]
    [TestCase("version 1.2.3.4")]
    [TestCase("I paid 1,234,567 dollars")]
    [TestCase("my social security number is 078051121")]
    public void Recognize_NotAPhone_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_UsNumber_ValidationNamesLibphonenumber()
    {
        var finding = new PhoneRecognizer().Recognize("call (415) 555-0132", null).OrderByDescending(f => f.Score).First();
        Assert.That(finding.Explanation.Validation, Does.StartWith("libphonenumber:valid"));
    }
}
