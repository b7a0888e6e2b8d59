using SupportShield.Dialogs.Verification;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class RandomVerificationCodeGeneratorTests
{
    [Test]
    public void NewCode_Always_SixDigitsAndVaried()
    {
        var generator = new RandomVerificationCodeGenerator();
        var codes = Enumerable.Range(0, 2000).Select(_ => generator.NewCode()).ToList();

        Assert.That(codes, Has.All.Match("^[0-9]{6}$"));
        Assert.That(codes.Distinct().Count(), Is.GreaterThan(1950));
        Assert.That(codes.Select(c => c[0]).Distinct().Count(), Is.EqualTo(10), "leading digit, zero included, takes every value");
    }
}
