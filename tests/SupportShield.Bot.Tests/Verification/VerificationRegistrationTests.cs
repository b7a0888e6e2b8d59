using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Verification;
using SupportShield.Dialogs.Identity;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Tests.Verification;

public sealed class VerificationRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSupportShieldVerification(configuration).BuildServiceProvider();
    }

    [Test]
    public void Factors_Default_EmailOnly()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<VerificationOptions>>().Value;

        Assert.That(options.EffectiveFactors, Is.EqualTo(new[] { VerificationFactor.Email }));
        Assert.That(options.MaxCodesPerWindow, Is.EqualTo(5));
        Assert.That(options.CodeSendWindow, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(options.MaxConsecutiveFailures, Is.EqualTo(100));
    }

    [Test]
    public void Factors_Configured_InOrderAnyCase()
    {
        using var services = Build(new()
        {
            ["SupportShield:Verification:Factors:0"] = "sms",
            ["SupportShield:Verification:Factors:1"] = "Email",
            ["SupportShield:Verification:MaxCodesPerWindow"] = "3",
        });

        var options = services.GetRequiredService<IOptions<VerificationOptions>>().Value;

        Assert.That(options.EffectiveFactors, Is.EqualTo(new[] { VerificationFactor.Sms, VerificationFactor.Email }));
        Assert.That(options.MaxCodesPerWindow, Is.EqualTo(3));
    }

    [Test]
    public void Factors_Unknown_Refused()
    {
        using var services = Build(new() { ["SupportShield:Verification:Factors:0"] = "pigeon" });

        Assert.That(() => services.GetRequiredService<IOptions<VerificationOptions>>().Value, Throws.InvalidOperationException.With.Message.Contains("Factors:0 is 'pigeon'"));
    }

    [Test]
    public void Identity_BoundFromConfiguration()
    {
        using var services = Build(new()
        {
            ["SupportShield:Identity:SigningKey"] = Convert.ToBase64String(new byte[48]),
            ["SupportShield:Identity:Issuer"] = "https://shop.example/",
            ["SupportShield:Identity:Audience"] = "supportshield",
        });

        var options = services.GetRequiredService<IOptions<ChannelIdentityOptions>>().Value;

        Assert.That(options.Enabled, Is.True);
        Assert.That(options.Audience, Is.EqualTo("supportshield"));
        Assert.That(options.DecodeKey(), Has.Length.EqualTo(48));
    }
}
