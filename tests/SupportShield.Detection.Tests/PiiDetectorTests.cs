using System.Text;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests;

[TestFixture]
public sealed class PiiDetectorTests
{
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("hello, how can I help?")]
    public void Detect_TextWithoutData_ReturnsEmpty(string text) =>
        Assert.That(new PiiDetector().Detect(text), Is.Empty);

    [Test]
    public void Detect_MixedMessage_ReturnsSortedNonOverlappingFindings()
    {
        const string text = "Email a@b.com, card 4111 1111 1111 1111, ssn 078-05-1123, see microsoft.com";
        var findings = new PiiDetector().Detect(text);
        Assert.Multiple(() =>
        {
            Assert.That(findings.Select(f => f.Type), Is.EqualTo(new[] { EntityType.Email, EntityType.CreditCard, EntityType.Ssn, EntityType.Url }));
            Assert.That(findings.Zip(findings.Skip(1)).All(p => p.First.End <= p.Second.Start), Is.True);
            Assert.That(findings.All(f => text[f.Start..f.End] == f.Value), Is.True);
        });
    }

    [TestCase("my routing number is 021000021", "021000021", EntityType.RoutingNumber)]
    [TestCase("my ssn is 078051121", "078051121", EntityType.Ssn)]
    [TestCase("my passport number is 912803456", "912803456", EntityType.Passport)]
    [TestCase("my bank account number is 912803456", "912803456", EntityType.BankAccount)]
    [TestCase("Licence: MORGA607054SM9IJ ok", "MORGA607054SM9IJ", EntityType.DriverLicense)]
    [TestCase("My IBAN is GB29 NWBK 6016 1331 9268 19", "GB29 NWBK 6016 1331 9268 19", EntityType.Iban)]
    [TestCase("Yes my order id is 4870952797", "4870952797", EntityType.OrderId)]
    [TestCase("member id 88291033", "88291033", EntityType.AccountId)]
    [TestCase("9756 Primrose Street Newark, MI 85971", "9756 Primrose Street Newark, MI 85971", EntityType.Address)]
    public void Detect_CompetingRecognizers_PicksTheTypeTheContextNames(string text, string value, EntityType expected)
    {
        var finding = new PiiDetector().Detect(text).Single(f => f.Value == value);
        Assert.That(finding.Type, Is.EqualTo(expected));
    }

    [Test]
    public void Detect_EmailDomain_IsNotAlsoAUrl()
    {
        var findings = new PiiDetector().Detect("write to support@contoso.com");
        Assert.That(findings.Select(f => f.Type), Is.EqualTo(new[] { EntityType.Email }));
    }

    [Test]
    public void Detect_OnFileOverlapsPattern_PrefersOnFile()
    {
        var account = new AccountValues { Phone = "415-555-0132" };
        var finding = new PiiDetector().Detect("call (415) 555-0132", account).Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.OnFileField, Is.EqualTo("phone"));
            Assert.That(finding.RuleId, Is.EqualTo("account.phone"));
        });
    }

    [Test]
    public void Detect_WithoutAccount_NeverMarksOnFile() =>
        Assert.That(new PiiDetector().Detect("call (415) 555-0132").Single().IsOnFile, Is.False);

    [Test]
    public void Detect_HighThreshold_DropsLowerScores()
    {
        var strict = new PiiDetector(PiiDetector.DefaultRecognizers(), threshold: 0.95);
        Assert.Multiple(() =>
        {
            Assert.That(strict.Detect("see microsoft.com"), Is.Empty);
            Assert.That(strict.Detect("4111111111111111"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Detect_CustomRecognizers_RunsOnlyThose()
    {
        var detector = new PiiDetector([new EmailRecognizer()]);
        Assert.That(detector.Detect("a@b.com 4111111111111111").Select(f => f.Type), Is.EqualTo(new[] { EntityType.Email }));
    }

    [Test]
    public void Detect_OneMegabyteInput_FindsWithoutFailing()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1_000_000)
        {
            builder.Append("Call 415-555-0132 or mail a.b@c.com about 742 Evergreen Terrace; 1234 5678 9012 3456 7890 12.34.56.78 aaaa@@@.... ");
        }

        var findings = new PiiDetector().Detect(builder.ToString());

        Assert.That(findings.Select(f => f.Type), Does.Contain(EntityType.Phone).And.Contain(EntityType.Email));
    }

    [Test]
    public void Detect_PathologicalRepetition_DoesNotHang()
    {
        var text = new string('1', 200_000) + "@" + new string('a', 200_000) + new string('.', 100_000) + string.Concat(Enumerable.Repeat("1 ", 100_000));
        Assert.DoesNotThrow(() => new PiiDetector().Detect(text));
    }

    [TestCase("\u202Emoc.b@a\u202C 🙂 ✉️ ａ＠ｂ．ｃｏｍ")]
    [TestCase("\uD800 lone surrogate \uDFFF 4111111111111111")]
    [TestCase("\0\u0001\u0002 control chars 078-05-1123")]
    [TestCase("١٢٣٤٥٦٧٨٩٠ Arabic-Indic digits and 𝟒𝟏𝟏𝟏 math digits")]
    [TestCase("Zalgo t̷̢e̵x̶t̸ café naïve 東京 742 Evergreen Terrace")]
    public void Detect_WeirdUnicode_DoesNotThrowAndOffsetsMatch(string text)
    {
        IReadOnlyList<Finding> findings = [];
        Assert.DoesNotThrow(() => findings = new PiiDetector().Detect(text, new AccountValues { Name = "Café Naïve", Email = "a@b.com" }));
        Assert.That(findings.All(f => text[f.Start..f.End] == f.Value), Is.True);
    }

    [Test]
    public void Constructor_ThresholdOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PiiDetector(PiiDetector.DefaultRecognizers(), 1.5));
}
