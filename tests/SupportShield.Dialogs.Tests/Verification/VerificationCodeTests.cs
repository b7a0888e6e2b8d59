using SupportShield.Dialogs.Verification;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class VerificationCodeTests
{
    [Test]
    public void Length_EightDigits_AtLeastTwentyBitsOfEntropy() =>
        Assert.That(VerificationCode.Length * Math.Log2(10), Is.GreaterThanOrEqualTo(20));

    [TestCase("12345678", "12345678")]
    [TestCase(" 1234 5678 ", "12345678")]
    [TestCase("my code is 1234-5678", "12345678")]
    [TestCase("code: 00001234 thanks", "00001234")]
    public void Find_TextWithCode_ReturnsDigits(string text, string expected) =>
        Assert.That(VerificationCode.Find(text), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("123456")]
    [TestCase("1234567")]
    [TestCase("123456789")]
    [TestCase("my order 9876543210 is late")]
    [TestCase("hello")]
    public void Find_TextWithoutEightDigitCode_ReturnsNull(string text) =>
        Assert.That(VerificationCode.Find(text), Is.Null);
}
