using SupportShield.Dialogs.Verification;

namespace SupportShield.Dialogs.Tests.Verification;

public sealed class RandomVerificationCodeGeneratorTests
{
    [Test]
    public void NewCode_Always_EightDigitsAndVaried()
    {
        var generator = new RandomVerificationCodeGenerator();
        var codes = Enumerable.Range(0, 5000).Select(_ => generator.NewCode()).ToList();

        Assert.That(codes, Has.All.Match("^[0-9]{8}$"));
        Assert.That(codes.Distinct().Count(), Is.GreaterThan(4990), "10^8 values: repeats among 5000 are rare");
        for (var position = 0; position < VerificationCode.Length; position++)
        {
            Assert.That(codes.Select(c => c[position]).Distinct().Count(), Is.EqualTo(10), $"digit {position + 1}, zero included, takes every value");
        }
    }
}
