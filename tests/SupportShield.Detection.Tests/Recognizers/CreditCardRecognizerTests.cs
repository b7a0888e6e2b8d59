using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class CreditCardRecognizerTests
{
    private static List<string> Found(string text) =>
        new CreditCardRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("4012888888881881", "4012888888881881")]
    [TestCase("card 4012-8888-8888-1881 please", "4012-8888-8888-1881")]
    [TestCase("4012 8888 8888 1881", "4012 8888 8888 1881")]
    [TestCase("test number 4111111111111111", "4111111111111111")]
    [TestCase("amex 3714 496353 98431", "3714 496353 98431")]
    [TestCase("371449635398431", "371449635398431")]
    [TestCase("5555555555554444", "5555555555554444")]
    [TestCase("diners 30569309025904", "30569309025904")]
    [TestCase("6011000400000000", "6011000400000000")]
    [TestCase("jcb 3528000700000000", "3528000700000000")]
    [TestCase("uatp 122000000000003", "122000000000003")]
    [TestCase("mastercard 2-series 2221000000000009", "2221000000000009")]
    public void Recognize_LuhnValidIssuerNumber_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("4012-8888-8888-1882")]
    [TestCase("my credit card number is 36168002586008")]
    [TestCase("1748503543012")]
    [TestCase("0000000000000000")]
    [TestCase("4012 8888 888 81881 9")]
    [TestCase("order 1234567890123")]
    public void Recognize_FailingLuhnOrNoIssuer_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_ThreeFormsOnOneLine_FindsThreeSeparateSpans() =>
        Assert.That(Found("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881"), Has.Count.EqualTo(3));

    [Test]
    public void Recognize_ValidCard_RuleIdIsLuhnAndValidationNamesIssuer()
    {
        var finding = new CreditCardRecognizer().Recognize("4111111111111111", null).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.RuleId, Is.EqualTo("credit-card.luhn"));
            Assert.That(finding.Explanation.Validation, Is.EqualTo("luhn:pass;issuer:visa"));
            Assert.That(finding.Score, Is.EqualTo(1.0));
        });
    }

    [TestCase("79927398713", true)]
    [TestCase("79927398710", false)]
    public void PassesLuhn_KnownValues_MatchChecksum(string digits, bool expected) =>
        Assert.That(CreditCardRecognizer.PassesLuhn(digits), Is.EqualTo(expected));
}
