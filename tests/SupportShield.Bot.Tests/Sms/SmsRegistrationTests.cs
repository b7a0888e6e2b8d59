using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Sms;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Sms;

namespace SupportShield.Bot.Tests.Sms;

public sealed class SmsRegistrationTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task NoTwilio_DevOutboxSender()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<ISmsSender>(), Is.TypeOf<DevOutboxSmsSender>());
        await host.StopAsync();
    }

    [Test]
    public async Task TwilioAccountSidSet_TwilioSender()
    {
        using var host = BuildHost(new()
        {
            ["SupportShield:Sms:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["SupportShield:Sms:Twilio:AuthToken"] = "token",
            ["SupportShield:Sms:Twilio:From"] = "+15005550006",
        });
        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<ISmsSender>(), Is.TypeOf<TwilioSmsSender>());
        await host.StopAsync();
    }

    [Test]
    public void TwilioMisconfigured_StartFails()
    {
        using var host = BuildHost(new() { ["SupportShield:Sms:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef" });

        var exception = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(exception!.Message, Does.Contain("SupportShield:Sms:Twilio:AuthToken").And.Contain("SupportShield:Sms:Twilio:From"));
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        settings["SupportShield:Storage:SqlitePath"] = _folder.DatabasePath;
        return TestHost.Build(settings, (services, configuration) => services.AddSingleton(TimeProvider.System).AddLogging().AddSupportShieldSms(configuration));
    }
}
