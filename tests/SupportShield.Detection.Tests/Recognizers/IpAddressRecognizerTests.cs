using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Tests.Recognizers;

[TestFixture]
public sealed class IpAddressRecognizerTests
{
    private static List<string> Found(string text) =>
        new IpAddressRecognizer().Recognize(text, null).Where(f => f.Score >= PiiDetector.DefaultThreshold).Select(f => f.Value).ToList();

    [TestCase("connecting from 192.168.0.1 now", "192.168.0.1")]
    [TestCase("my ip: ::1", "::1")]
    [TestCase("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]
    [TestCase("fe80::1%eth0", "fe80::1%eth0")]
    [TestCase("0:0:0:0:0:FFFF:129.144.52.38", "0:0:0:0:0:FFFF:129.144.52.38")]
    [TestCase("684D:1111:222:3333:4444:5555:6:77", "684D:1111:222:3333:4444:5555:6:77")]
    public void Recognize_ValidAddress_FindsIt(string text, string expected) =>
        Assert.That(Found(text), Is.EqualTo(new[] { expected }));

    [TestCase("256.1.1.1")]
    [TestCase("version 1.2.3.4.5")]
    [TestCase("MAC 00:1A:2B:3C:4D:5E")]
    [TestCase("at 14:30:00 today")]
    [TestCase("::ffff:256.0.0.1")]
    [TestCase("1.2.3")]
    public void Recognize_NotAnAddress_FindsNothing(string text) =>
        Assert.That(Found(text), Is.Empty);
}
