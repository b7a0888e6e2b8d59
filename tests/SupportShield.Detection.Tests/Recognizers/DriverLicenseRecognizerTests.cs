using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class DriverLicenseRecognizerTests
{
    private static List<string> Found(string text) =>
        new DriverLicenseRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).Distinct().ToList();

    [TestCase("MORGA657054SM9IJ", "MORGA657054SM9IJ")]
    [TestCase("Licence: SMIT9801015JK2CD ok", "SMIT9801015JK2CD")]
    [TestCase("morga607054sm9ij", "morga607054sm9ij")]
    [TestCase("my driver license is H12234567", "H12234567")]
    [TestCase("My driver's license number is 2270-66-1551", "2270-66-1551")]
    [TestCase("DL# F162823540116", "F162823540116")]
    [TestCase("patente U1K711J11M", "U1K711J11M")]
    public void Recognize_LicenceNumber_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("MORGA613054SM9IJ")]
    [TestCase("MORGA607354SM9IJ")]
    [TestCase("MO9GA607054SM9IJ")]
    [TestCase("H12234567")]
    [TestCase("my license plate is 7ABC123")]
    [TestCase("license key 4HJ8-2K9L-77QP")]
    [TestCase("ABCDEFG ABCDEFGH ABCDEFGHI")]
    public void Recognize_InvalidOrWithoutContext_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);

    [TestCase("MORGA607054SM9IJ", true)]
    [TestCase("SMITH862310AB1CD", true)]
    [TestCase("SMITH872310AB1CD", false)]
    [TestCase("SMITH800010AB1CD", false)]
    public void IsValidDvla_Table_ChecksDateParts(string value, bool expected) =>
        Assert.That(DriverLicenseRecognizer.IsValidDvla(value), Is.EqualTo(expected));
}
