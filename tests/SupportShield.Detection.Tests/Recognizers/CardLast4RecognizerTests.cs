using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class CardLast4RecognizerTests
{
    private static List<string> Found(string text) =>
        new CardLast4Recognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("the card ending in 4242", "4242")]
    [TestCase("last four 4242", "4242")]
    [TestCase("the last 4 digits of my card are 1111", "1111")]
    [TestCase("charged to **** 4242", "**** 4242")]
    [TestCase("XXXX-XXXX-XXXX-0005", "XXXX-XXXX-XXXX-0005")]
    [TestCase("visa xxxx1234 declined", "xxxx1234")]
    public void Recognize_CardLastDigits_FindsDigitsAndMask(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("does the phone end in 0178?")]
    [TestCase("I paid 4242 dollars")]
    [TestCase("ending in 42424")]
    [TestCase("last four 42")]
    public void Recognize_NotCardDigits_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
