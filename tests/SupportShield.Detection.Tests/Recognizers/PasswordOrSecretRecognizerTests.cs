using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PasswordOrSecretRecognizerTests
{
    private static List<string> Found(string text) =>
        new PasswordOrSecretRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("my password is hunter2", "hunter2")]
    [TestCase("Password: \"S3cret!x\"", "S3cret!x")]
    [TestCase("my pin is 1234", "1234")]
    [TestCase("code: 123456", "123456")]
    [TestCase("the verification code is 483920.", "483920")]
    [TestCase("my security answer is Fluffy", "Fluffy")]
    [TestCase("answer to my security question is blue river.", "blue river")]
    [TestCase("OTP 558812", "558812")]
    public void Recognize_StatedSecret_FindsSecretOnly(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("my password is not working")]
    [TestCase("the password is wrong")]
    [TestCase("zip code 62838")]
    [TestCase("promo code: SAVE20")]
    [TestCase("I forgot my pin")]
    [TestCase("Her maiden name is Møller")]
    public void Recognize_NoSecretStated_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
