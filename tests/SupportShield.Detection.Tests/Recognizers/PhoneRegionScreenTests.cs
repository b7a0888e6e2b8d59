using PhoneNumbers;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class PhoneRegionScreenTests
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly string[] Regions = ["US", "GB", "DE", "FR", "IL", "IN", "BR", "JP", "CN", "AU", "ES", "IT", "MX", "NL", "IE"];

    private static bool Valid(string value, string region)
    {
        try
        {
            return Util.IsValidNumber(Util.Parse(value, region));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    [TestCase("GB", "02079460958")]
    [TestCase("GB", "07400123456")]
    [TestCase("DE", "030901820")]
    [TestCase("FR", "0123456789")]
    [TestCase("JP", "0312345678")]
    [TestCase("US", "4155550132")]
    [TestCase("US", "14155550132")]
    public void MayBeValid_NumberLibphonenumberAccepts_True(string region, string digits)
    {
        Assume.That(Valid(digits, region), Is.True);
        Assert.That(new PhoneRegionScreen(Util, region).MayBeValid(digits), Is.True);
    }

    [TestCase("GB", "00000000")]
    [TestCase("US", "1111111111")]
    [TestCase("JP", "11111111111")]
    [TestCase("FR", "0000000000")]
    public void MayBeValid_NoNumberTypeMatches_False(string region, string digits)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Valid(digits, region), Is.False);
            Assert.That(new PhoneRegionScreen(Util, region).MayBeValid(digits), Is.False);
        });
    }

    [TestCase("447400123456", true)]
    [TestCase("14155550132", true)]
    [TestCase("19216811", false)]
    [TestCase("0447700900123", false)]
    [TestCase("99912345678", false)]
    public void MayBeValidInternational_Digits_MatchesLibphonenumber(string digits, bool expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Valid("+" + digits, "ZZ"), Is.EqualTo(expected));
            Assert.That(PhoneRegionScreen.MayBeValidInternational(Util, digits), Is.EqualTo(expected));
        });
    }

    /// <summary>The screen may only skip parses that fail: over many digit strings, a rejected one is never valid.</summary>
    [Test]
    public void MayBeValid_RejectedDigits_NeverValidForLibphonenumber()
    {
        var random = new Random(20261128);
        string[] starts = ["", "0", "00", "01", "1", "9", "0800", "000"];
        var rejected = 0;
        foreach (var region in Regions)
        {
            var screen = new PhoneRegionScreen(Util, region);
            for (var i = 0; i < 1500; i++)
            {
                var digits = starts[random.Next(starts.Length)];
                var length = random.Next(7, 14);
                while (digits.Length < length)
                {
                    digits += (char)('0' + random.Next(10));
                }

                if (!screen.MayBeValid(digits))
                {
                    rejected++;
                    Assert.That(Valid(digits, region), Is.False, $"{region} {digits}");
                }

                if (!PhoneRegionScreen.MayBeValidInternational(Util, digits))
                {
                    Assert.That(Valid("+" + digits, "ZZ"), Is.False, $"+{digits}");
                }
            }
        }

        Assert.That(rejected, Is.GreaterThan(1000));
    }
}
