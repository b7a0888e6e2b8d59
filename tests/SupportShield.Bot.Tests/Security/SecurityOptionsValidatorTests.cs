using SupportShield.Bot.Security;

namespace SupportShield.Bot.Tests.Security;

public sealed class SecurityOptionsValidatorTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_NoKey_Succeeds(string? key) =>
        Assert.That(new SecurityOptionsValidator().Validate(null, new SecurityOptions { HashKey = key }).Succeeded, Is.True);

    [Test]
    public void Validate_ThirtyTwoByteKey_Succeeds() =>
        Assert.That(new SecurityOptionsValidator().Validate(null, new SecurityOptions { HashKey = Convert.ToBase64String(new byte[32]) }).Succeeded, Is.True);

    [Test]
    public void Validate_ThirtyOneByteKey_Fails() =>
        Assert.That(new SecurityOptionsValidator().Validate(null, new SecurityOptions { HashKey = Convert.ToBase64String(new byte[31]) }).Failed, Is.True);
}
