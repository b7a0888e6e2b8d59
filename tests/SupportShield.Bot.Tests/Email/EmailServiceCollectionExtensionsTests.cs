using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Email;
using SupportShield.Bot.Tests.Support;
using SupportShield.Dialogs.Email;

namespace SupportShield.Bot.Tests.Email;

public sealed class EmailServiceCollectionExtensionsTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task AddSupportShieldEmail_NoSmtpHost_UsesDevOutbox()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<IEmailSender>(), Is.TypeOf<DevOutboxEmailSender>());
        await host.StopAsync();
    }

    [Test]
    public async Task AddSupportShieldEmail_SmtpHost_UsesSmtp()
    {
        using var host = BuildHost(new()
        {
            ["SupportShield:Email:Smtp:Host"] = "127.0.0.1",
            ["SupportShield:Email:Smtp:From"] = "no-reply@example.com",
        });
        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<IEmailSender>(), Is.TypeOf<SmtpEmailSender>());
        await host.StopAsync();
    }

    [Test]
    public void AddSupportShieldEmail_SmtpHostWithoutFrom_FailsStartup()
    {
        using var host = BuildHost(new() { ["SupportShield:Email:Smtp:Host"] = "127.0.0.1" });

        var exception = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(exception!.Message, Does.Contain("SupportShield:Email:Smtp:From"));
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        settings["SupportShield:Storage:SqlitePath"] = _folder.DatabasePath;
        return TestHost.Build(settings, (services, configuration) => services.AddLogging().AddSupportShieldEmail(configuration));
    }
}
