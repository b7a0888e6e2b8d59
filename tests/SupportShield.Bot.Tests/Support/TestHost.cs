using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportShield.Bot.Tests.Support;

/// <summary>A bare generic host (no default sources) with in-memory settings, for testing one registration method.</summary>
internal static class TestHost
{
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
