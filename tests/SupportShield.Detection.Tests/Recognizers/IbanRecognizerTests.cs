using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class IbanRecognizerTests
{
    private static List<string> Found(string text) =>
        new IbanRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("DE89370400440532013000", "DE89370400440532013000")]
    [TestCase("my iban is GB29 NWBK 6016 1331 9268 19 thanks", "GB29 NWBK 6016 1331 9268 19")]
    [TestCase("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    [TestCase("pay to nl91abna0417164300 please", "nl91abna0417164300")]
    [TestCase("CH93-0076-2011-6238-5295-7", "CH93-0076-2011-6238-5295-7")]
    [TestCase("BE68539007547034.", "BE68539007547034")]
    [TestCase("NO93 8601 1117 947 X is the account", "NO93 8601 1117 947")]
    public void Recognize_ValidIban_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("DE89370400440532013001")]
    [TestCase("GB29 NWBK 6016 1331 9268")]
    [TestCase("XX89370400440532013000")]
    [TestCase("AL47/2121/1009/0000/0002/3569/8741")]
    [TestCase("DE8937040044053201300099")]
    [TestCase("order AB12 3456 7890 1234 shipped")]
    public void Recognize_InvalidChecksumLengthOrCountry_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [TestCase("GB82WEST12345698765432", true)]
    [TestCase("GB82WEST12345698765433", false)]
    [TestCase("SC18SSCB11010000000000001497USD", true)]
    [TestCase("DE89", false)]
    public void IsValid_Table_MatchesMod97AndLength(string value, bool expected) =>
        Assert.That(IbanRecognizer.IsValid(value), Is.EqualTo(expected));

    [Test]
    public void Recognize_TwoIbans_FindsBoth() =>
        Assert.That(Found("from DE89370400440532013000, to GB82WEST12345698765432"), Has.Count.EqualTo(2));
}
