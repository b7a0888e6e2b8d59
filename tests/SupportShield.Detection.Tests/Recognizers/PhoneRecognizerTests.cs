using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PhoneRecognizerTests
{
    private static List<string> Found(string text) =>
        new PhoneRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold)
            .OrderBy(f => f.Start).Select(f => f.Value).Distinct().ToList();

    [TestCase("call me at (415) 555-0132", "(415) 555-0132")]
    [TestCase("US: 415-555-0132", "415-555-0132")]
    [TestCase("my international one is +1 415 555 0132", "+1 415 555 0132")]
    [TestCase("Brazil: +55 11 98456 5666", "+55 11 98456 5666")]
    [TestCase("(977) 625-2661", "(977) 625-2661")]
    [TestCase("My Israeli number is 09-7625400", "09-7625400")]
    [TestCase("UK mobile 07700 900123", "07700 900123")]
    [TestCase("They're not answering at 078 8098 1119", "078 8098 1119")]
    [TestCase("reach me at 0680 298 70 63 please", "0680 298 70 63")]
    [TestCase("my work number is 99 668472", "99 668472")]
    [TestCase("call my cell 374 780 163 after 5", "374 780 163")]
    [TestCase("try one of these phones 052 5552606 074-7111234", "052 5552606")]
    [TestCase("try one of these phones 052 5552606 074-7111234", "074-7111234")]
    [TestCase("Pietersburg 89082 085 175 7641-Office, 3660170548-Fax", "085 175 7641")]
    [TestCase("Pietersburg 89082 085 175 7641-Office, 3660170548-Fax", "3660170548")]
    [TestCase("Domoszló Hungary 34796 (37) 788-063-Office", "(37) 788-063")]
    [TestCase("my US one is (415) 555-0132 and the other one is415-555-0132", "415-555-0132")]
    [TestCase("my international one is 91-415-555-0132", "91-415-555-0132")]
    [TestCase("home: 020 7946 0958, mobile: 07700 900123", "020 7946 0958")]
    [TestCase("whatsapp me on +44 7700 900123", "+44 7700 900123")]
    [TestCase("Mobile: 0688 843 79 56 Desk: (898)666-3621x0135", "(898)666-3621x0135")]
    public void Recognize_PhoneNumber_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Has.Some.Contains(expected.TrimStart('+')));

    [TestCase("Today is 2024-03-15")]
    [TestCase("order 12345")]
    [TestCase("version 1.2.3.4")]
    [TestCase("I paid 1,234,567 dollars")]
    [TestCase("my social security number is 078051121")]
    [TestCase("The meeting is on 12 05 2024 at the office")]
    [TestCase("I called on 03/14/2024 at 10:30 and 11:45")]
    [TestCase("invoice 2024 0315 0001 from the office")]
    [TestCase("Tracking number 1Z 999 AA1 01 2345 6784")]
    [TestCase("Reference 20 45 67 89 for the work order")]
    [TestCase("my balance is 4 500 000 and my mobile is broken")]
    [TestCase("it cost $1 299 000 at home, call me")]
    [TestCase("IBAN ME25 5050 0001 2345 6789 52")]
    [TestCase("card 4111 1111 1111 1111 expires 12/26")]
    [TestCase("my zip is 94107, call me later")]
    [TestCase("the total was 1 234 567 dollars at home")]
    [TestCase("I work 9 to 5 and paid $1,299.99 on 2024-03-15")]
    public void Recognize_NotAPhone_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [Test]
    public void Recognize_UsNumber_ValidationNamesLibphonenumber()
    {
        var finding = new PhoneRecognizer().Recognize("call (415) 555-0132", null).OrderByDescending(f => f.Score).First();
        Assert.That(finding.Explanation.Validation, Does.StartWith("libphonenumber:valid"));
    }
}
