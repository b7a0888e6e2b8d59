using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Security;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware.Security;

namespace SupportShield.Bot.Tests.Security;

public sealed class HashKeySourceTests
{
    private TemporaryFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TemporaryFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public void GetKey_NoConfiguredKey_GeneratesOnceAndReusesAfterReopen()
    {
        byte[] first;
        using (var database = _folder.OpenDatabase())
        {
            first = new HashKeySource(Options.Create(new SecurityOptions()), database).GetKey();
            Assert.That(new HashKeySource(Options.Create(new SecurityOptions()), database).GetKey(), Is.EqualTo(first));
        }

        using var reopened = _folder.OpenDatabase();
        var second = new HashKeySource(Options.Create(new SecurityOptions()), reopened).GetKey();

        Assert.That(first, Has.Length.EqualTo(32));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Any(b => b != 0), Is.True);
    }

    [Test]
    public void GetKey_ConfiguredKey_UsesItAndStoresNothing()
    {
        var key = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        using var database = _folder.OpenDatabase();

        var used = new HashKeySource(Options.Create(new SecurityOptions { HashKey = Convert.ToBase64String(key) }), database).GetKey();

        Assert.That(used, Is.EqualTo(key));
        var generated = new HashKeySource(Options.Create(new SecurityOptions()), database).GetKey();
        Assert.That(generated, Is.Not.EqualTo(key));
    }

    [TestCase("not base64 at all!", "not valid base64")]
    [TestCase("AAECAwQFBgcICQoLDA0ODxAREhM=", "decodes to 20 bytes")]
    public void GetKey_BadConfiguredKey_ThrowsClearMessageWithoutTheKey(string configured, string expected)
    {
        using var database = _folder.OpenDatabase();
        var source = new HashKeySource(Options.Create(new SecurityOptions { HashKey = configured }), database);

        var exception = Assert.Throws<OptionsValidationException>(() => source.GetKey());

        Assert.That(exception!.Message, Does.Contain("SupportShield:Security:HashKey").And.Contain(expected));
        Assert.That(exception.Message, Does.Not.Contain(configured));
    }

    [Test]
    public void HostStart_BadConfiguredKey_FailsStartup()
    {
        using var host = BuildHost(new() { ["SupportShield:Security:HashKey"] = "c2hvcnQ=" });

        var exception = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(exception!.Message, Does.Contain("SupportShield:Security:HashKey"));
    }

    [Test]
    public async Task HostStart_NoConfiguredKey_HasherIsStableAcrossRestarts()
    {
        string firstHash;
        using (var host = BuildHost([]))
        {
            await host.StartAsync();
            firstHash = host.Services.GetRequiredService<KeyedHasher>().HashHex("code", "123456");
            await host.StopAsync();
        }

        using var restarted = BuildHost([]);
        await restarted.StartAsync();

        Assert.That(restarted.Services.GetRequiredService<KeyedHasher>().HashHex("code", "123456"), Is.EqualTo(firstHash));
        await restarted.StopAsync();
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        settings["SupportShield:Storage:SqlitePath"] = _folder.DatabasePath;
        return TestHost.Build(settings, (services, configuration) => services.AddSupportShieldPersistence(configuration));
    }
}
