using SupportShield.Middleware.ContactChanges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportShield.Bot.Accounts;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Accounts;

namespace SupportShield.Bot.Tests.Accounts;

public sealed class AccountsServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddSupportShieldAccounts_NoSeedFileSetting_UsesBundledDemoSeed()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        var directory = host.Services.GetRequiredService<IAccountDirectory>();

        Assert.That(directory, Is.TypeOf<ContactChangingAccountDirectory>(), "the seed, with contact changes made through the chat applied over it");
        Assert.That(host.Services.GetRequiredService<JsonSeedAccountDirectory>().SeedFilePath, Does.EndWith("demo-accounts.json"));
        Assert.That((await directory.FindByContactAsync("jane.doe@example.com"))?.Id, Is.EqualTo("acct-1001"));
        await host.StopAsync();
    }

    [Test]
    public void AddSupportShieldAccounts_BrokenSeedFile_FailsStartup()
    {
        using var folder = new TemporaryFolder();
        var file = folder.WriteFile("broken.json", "[ { \"id\": \"x\" ");
        using var host = BuildHost(new() { ["SupportShield:Accounts:SeedFile"] = file });

        var exception = Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.That(exception!.Message, Does.Contain(file));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        return TestHost.Build(settings, (services, configuration) => services
            .AddSingleton<Microsoft.Bot.Builder.IStorage>(new Microsoft.Bot.Builder.MemoryStorage())
            .AddSupportShieldAccounts(configuration));
    }
}
