using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportShield.Bot.Tests.Support;
using SupportShield.Middleware;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Tests;

/// <summary>An existing bot adds SupportShield with one registration call (README: "Adding SupportShield to an existing bot").</summary>
public sealed class SupportShieldServiceCollectionExtensionsTests
{
    [Test]
    public void AddSupportShield_Alone_ResolvesTheMiddlewareAndTheVerificationGateway()
    {
        using var folder = new TemporaryFolder();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SupportShield:Storage:SqlitePath"] = folder.DatabasePath })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddSupportShield(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.That(provider.GetRequiredService<SupportShieldMiddleware>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<IVerificationGateway>(), Is.Not.Null);
    }
}
