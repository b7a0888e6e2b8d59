using SupportShield.Dialogs.Verification;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class VerificationCodeTests
{
    [TestCase("123456", "123456")]
    [TestCase(" 123 456 ", "123456")]
    [TestCase("my code is 123-456", "123456")]
    [TestCase("code: 000123 thanks", "000123")]
    public void Find_TextWithCode_ReturnsDigits(string text, string expected) =>
        Assert.That(VerificationCode.Find(text), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("12345")]
    [TestCase("1234567")]
    [TestCase("my order 98765432 is late")]
    [TestCase("hello")]
    public void Find_TextWithoutSixDigitCode_ReturnsNull(string text) =>
        Assert.That(VerificationCode.Find(text), Is.Null);
}
