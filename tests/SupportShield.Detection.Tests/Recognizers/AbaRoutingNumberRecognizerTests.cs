using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class AbaRoutingNumberRecognizerTests
{
    private static List<string> Found(string text) =>
        new AbaRoutingNumberRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("my routing number is 021000021", "021000021")]
    [TestCase("ABA: 011000015", "011000015")]
    [TestCase("RTN 121000248 for the wire", "121000248")]
    [TestCase("121000248", "121000248")]
    [TestCase("0210-0002-1", "0210-0002-1")]
    [TestCase("sort code 12-34-56, account 31926819", "12-34-56")]
    public void Recognize_ValidRoutingNumber_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("my routing number is 021000022")]
    [TestCase("routing 421042111")]
    [TestCase("routing number 123456789")]
    [TestCase("1234-0000-0")]
    [TestCase("the invoice total 021000021 points were added")]
    [TestCase("meet me 12-34-56")]
    [TestCase("routing 000000000")]
    public void Recognize_FailingChecksumPrefixOrContext_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [TestCase("021000021", true)]
    [TestCase("0210-0002-1", true)]
    [TestCase("321000021", false)]
    [TestCase("80000000", false)]
    public void IsValid_Table_MatchesChecksumAndPrefix(string value, bool expected) =>
        Assert.That(AbaRoutingNumberRecognizer.IsValid(value), Is.EqualTo(expected));
}
