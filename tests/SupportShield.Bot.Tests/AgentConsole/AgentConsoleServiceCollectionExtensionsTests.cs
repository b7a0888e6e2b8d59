using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.Agents;
using SupportShield.Bot.Redis;
using SupportShield.Bot.Tests.Support;

namespace SupportShield.Bot.Tests.AgentConsole;

/// <summary>Which console presence the agent console gets: counted in-process without Redis, shared through Redis with it.</summary>
public sealed class AgentConsoleServiceCollectionExtensionsTests
{
    [Test]
    public void RedisOff_PresenceIsCountedInProcess_AndNothingRunsInTheBackground()
    {
        using var folder = new TemporaryFolder();
        using var provider = Build(folder, connectionString: null);

        Assert.That(provider.GetRequiredService<IAgentConsolePresence>(), Is.InstanceOf<AgentConsolePresence>());
        Assert.That(provider.GetServices<IHostedService>().OfType<RedisAgentConsolePresence>(), Is.Empty);
    }

    [Test]
    public void RedisOn_PresenceIsSharedThroughRedis_ByOneInstanceThatAlsoRunsItsLoop()
    {
        using var folder = new TemporaryFolder();

        // Nothing listens there: registration and resolution never wait for Redis.
        using var provider = Build(folder, "127.0.0.1:1,connectTimeout=200");

        var presence = provider.GetRequiredService<IAgentConsolePresence>();
        Assert.That(presence, Is.InstanceOf<RedisAgentConsolePresence>());
        Assert.That(provider.GetServices<IHostedService>().OfType<RedisAgentConsolePresence>().Single(), Is.SameAs(presence));
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
        services.AddSingleton(TimeProvider.System);
        services.AddSupportShield(configuration);
        services.AddSupportShieldAgentApi(configuration);
        services.AddSupportShieldAgentConsole(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
