using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.AgentConsole;

namespace SupportShield.Bot.Redis;

/// <summary>Registers the agent-console presence shared through Redis, when <c>SupportShield:Redis:ConnectionString</c> is set.</summary>
public static class RedisConsolePresenceServiceCollectionExtensions
{
    /// <summary>
    /// With Redis on, registers <see cref="RedisAgentConsolePresence"/> as the <see cref="IAgentConsolePresence"/> and as a
    /// hosted service (its refresh loop); a no-op when Redis is off. Call after <c>AddSupportShieldRedis</c>, which registers
    /// the connection.
    /// </summary>
    public static IServiceCollection AddSupportShieldRedisConsolePresence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled || services.Any(d => d.ServiceType == typeof(RedisAgentConsolePresence)))
        {
            return services;
        }

        services.AddSingleton<RedisAgentConsolePresence>();
        services.TryAddSingleton<IAgentConsolePresence>(sp => sp.GetRequiredService<RedisAgentConsolePresence>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisAgentConsolePresence>());
        return services;
    }
}
