using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class AccountIdRecognizerTests
{
    private static List<string> Found(string text) =>
        new AccountIdRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).Distinct().ToList();

    [TestCase("my username is rdomingo1", "rdomingo1")]
    [TestCase("Username: cminh730", "cminh730")]
    [TestCase("username is jdoe", "jdoe")]
    [TestCase("member id 88291", "88291")]
    [TestCase("customer number A-20931", "A-20931")]
    [TestCase("Account ID: B3BLRKKZQQ", "B3BLRKKZQQ")]
    [TestCase("account is I8XK8HYWND", "I8XK8HYWND")]
    [TestCase("my account number is PR9XRH6NXO and i don't have it", "PR9XRH6NXO")]
    [TestCase("aphoenix939", "aphoenix939")]
    [TestCase("login: sam_smith.22", "sam_smith.22")]
    public void Recognize_IdWithCue_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("I forgot my username")]
    [TestCase("my username is not working")]
    [TestCase("my account is locked")]
    [TestCase("customer service was great")]
    [TestCase("what is my username and password")]
    [TestCase("account was hacked yesterday")]
    [TestCase("hello")]
    [TestCase("thanks so much for the help 2day")]
    public void Recognize_CueWithoutId_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
