using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PassportRecognizerTests
{
    private static List<string> Found(string text) =>
        new PassportRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).Distinct().ToList();

    [TestCase("my passport number is 912803456", "912803456")]
    [TestCase("my travel document is A12803456", "A12803456")]
    [TestCase("My passport number is CD7654321 and it expires soon", "CD7654321")]
    [TestCase("passport number: J6932157", "J6932157")]
    [TestCase("passport C01X00T47", "C01X00T47")]
    [TestCase("old passport C01X00T47 or new one", "C01X00T47")]
    public void Recognize_PassportWithContext_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("912803456")]
    [TestCase("A12803456")]
    [TestCase("my ticket is CD7654321")]
    [TestCase("passport photo size 35x45")]
    [TestCase("passport expires 2030")]
    public void Recognize_NoContextOrNoNumber_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_TwoPassportsInAList_FindsBoth() =>
        Assert.That(Found("Passports: AB1234567 and XY9876543"), Is.EqualTo(new[] { "AB1234567", "XY9876543" }));
}
