using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class BankAccountRecognizerTests
{
    private static List<string> Found(string text) =>
        new BankAccountRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("my bank account number is 912803456", "912803456")]
    [TestCase("checking account: 0034-5567-8812", "0034-5567-8812")]
    [TestCase("acct # 55012398", "55012398")]
    [TestCase("savings account 12345678901234567", "12345678901234567")]
    [TestCase("account number is 44817720", "44817720")]
    public void Recognize_AccountNumberWithCue_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }).Or.Contains(expected));

    [TestCase("912803456")]
    [TestCase("I paid 12345678 yen")]
    [TestCase("bank account 12345")]
    [TestCase("checking account 111111111")]
    [TestCase("bank account 123456789012345678")]
    public void Recognize_NoCueTooShortOrTooLong_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_BareDigits_ScoresBelowThreshold()
    {
        var scores = new BankAccountRecognizer().Recognize("ref 55012398", null).Select(f => f.Score).ToList();
        Assert.That(scores, Has.All.LessThan(PiiDetector.DefaultThreshold));
    }
}
