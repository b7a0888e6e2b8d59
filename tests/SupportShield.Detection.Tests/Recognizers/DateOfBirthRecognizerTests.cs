using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class DateOfBirthRecognizerTests
{
    private static List<string> Found(string text) =>
        new DateOfBirthRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("I was born on 03/14/1985", "03/14/1985")]
    [TestCase("DOB: 1985-03-14", "1985-03-14")]
    [TestCase("my date of birth is March 14, 1985.", "March 14, 1985")]
    [TestCase("Birthday 14 March 1985", "14 March 1985")]
    [TestCase("born 14th of March 1985", "14th of March 1985")]
    [TestCase("Please tell me your date of birth. It's 9/24/1946", "9/24/1946")]
    [TestCase("d.o.b 14.03.1985", "14.03.1985")]
    public void Recognize_DateWithBirthContext_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("Today is 5/20/2021")]
    [TestCase("It's like that since 2/10/1985")]
    [TestCase("The order shipped March 14, 2024")]
    [TestCase("born on 02/30/1985")]
    [TestCase("born on 13/13/1985")]
    [TestCase("2024-03-15T14:30:00Z")]
    public void Recognize_OtherDateOrInvalid_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
