using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class AddressRecognizerTests
{
    private static List<string> Found(string text) =>
        new AddressRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("I live at 742 Evergreen Terrace.", "742 Evergreen Terrace")]
    [TestCase("1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 Pennsylvania Ave NW, Washington, DC 20500")]
    [TestCase("ship to 10 Downing Street, London SW1A 2AA please", "10 Downing Street, London SW1A 2AA")]
    [TestCase("742 Evergreen Terrace, Springfield, OR", "742 Evergreen Terrace, Springfield, OR")]
    [TestCase("123 Main St Apt 4B, Springfield, IL 62704", "123 Main St Apt 4B, Springfield, IL 62704")]
    [TestCase("9756 Primrose Street Newark, MI 85971", "9756 Primrose Street Newark, MI 85971")]
    [TestCase("my new address is 55 oak road, apt. 3", "55 oak road, apt. 3")]
    [TestCase("PSC 0725, Box 6031\nAPO AP 99241", "PSC 0725, Box 6031\nAPO AP 99241")]
    [TestCase("Hersnapvej 75, 2100 Copenhagen", "Hersnapvej 75")]
    public void Recognize_StreetAddress_FindsMergedSpan(string text, string expected) =>
        Assert.That(Found(text), Has.Some.StartsWith(expected));

    [TestCase("I waited 5 more minutes on the road")]
    [TestCase("it is a 2 minute drive")]
    [TestCase("we have 3 kids in the park")]
    [TestCase("Washington, DC")]
    public void Recognize_NoStreet_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
