using SupportShield.Bot.Email;

namespace SupportShield.Bot.Tests.Email;

public sealed class SmtpEmailOptionsValidatorTests
{
    [Test]
    public void Validate_NoHost_Succeeds() =>
        Assert.That(new SmtpEmailOptionsValidator().Validate(null, new SmtpEmailOptions()).Succeeded, Is.True);

    [Test]
    public void Validate_HostWithoutFrom_FailsNamingFrom()
    {
        var result = new SmtpEmailOptionsValidator().Validate(null, new SmtpEmailOptions { Host = "smtp.example.com" });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("SupportShield:Email:Smtp:From"));
    }

    [Test]
    public void Validate_UsernameWithoutPasswordAndBadPort_ReportsBoth()
    {
        var result = new SmtpEmailOptionsValidator().Validate(
            null,
            new SmtpEmailOptions { Host = "smtp.example.com", From = "a@example.com", Username = "u", Port = 0 });

        Assert.That(result.Failures?.ToList(), Has.Count.EqualTo(2));
    }
}
