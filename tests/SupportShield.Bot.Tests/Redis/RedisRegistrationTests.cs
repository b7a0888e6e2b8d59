using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Locking;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Redis;
using SupportShield.Bot.Tests.Support;

namespace SupportShield.Bot.Tests.Redis;

/// <summary>What <c>SupportShield:Redis</c> switches: nothing while empty, the shared implementations when set.</summary>
public sealed class RedisRegistrationTests
{
    [Test]
    public void RedisOff_EverythingStaysInProcess()
    {
        using var folder = new TemporaryFolder();
        using var provider = Build(folder, connectionString: null);

        Assert.That(provider.GetRequiredService<IRateLimitStore>(), Is.InstanceOf<InProcessRateLimitStore>());
        Assert.That(provider.GetRequiredService<IDistributedLock>(), Is.InstanceOf<InProcessDistributedLock>());
        Assert.That(provider.GetService<RedisConnection>(), Is.Null);
        Assert.That(provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository, Is.Not.InstanceOf<RedisXmlRepository>());
    }

    [Test]
    public void RedisOn_CountersLocksAndDataProtectionKeysUseRedis()
    {
        using var folder = new TemporaryFolder();

        // Nothing listens there: registration and resolution never wait for Redis.
        using var provider = Build(folder, "127.0.0.1:1,connectTimeout=200");

        Assert.That(provider.GetRequiredService<IRateLimitStore>(), Is.InstanceOf<RedisRateLimitStore>());
        Assert.That(provider.GetRequiredService<IDistributedLock>(), Is.InstanceOf<RedisDistributedLock>());
        Assert.That(provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository, Is.InstanceOf<RedisXmlRepository>());
        Assert.That(provider.GetRequiredService<SupportShield.Middleware.Verification.IVerificationGateway>(), Is.InstanceOf<RateLimitedVerificationGateway>());
    }

    [TestCase("KeyPrefix", "has space")]
    [TestCase("KeyPrefix", "")]
    [TestCase("LockTtlSeconds", "0")]
    [TestCase("LockWaitSeconds", "31")]
    [TestCase("ConnectionString", "127.0.0.1:6379,notAnOption=1")]
    [TestCase("ConsolePresenceTtlSeconds", "0")]
    [TestCase("ConsolePresenceIntervalMilliseconds", "99")]
    [TestCase("ConsolePresenceIntervalMilliseconds", "3334")]
    public void BadSetting_IsRefusedAtStart_WithoutQuotingTheConnectionString(string key, string value)
    {
        var options = new RedisOptions { ConnectionString = "127.0.0.1:6379,password=s3cret" };
        var property = typeof(RedisOptions).GetProperty(key)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.That(error!.Message, Does.Contain("SupportShield:Redis:" + key));
        Assert.That(error.Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void DefaultsAndTheDeploymentTemplatesConnectionStringForm_AreAccepted()
    {
        Assert.DoesNotThrow(new RedisOptions().Validate);
        Assert.DoesNotThrow(new RedisOptions { ConnectionString = "cache.redis.example:6380,password=abc,ssl=True,abortConnect=False" }.Validate);
        Assert.That(new RedisOptions().Enabled, Is.False);
    }

    private static ServiceProvider Build(TemporaryFolder folder, string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SupportShield:Storage:SqlitePath"] = folder.DatabasePath,
                ["SupportShield:Redis:ConnectionString"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSupportShield(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
