using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Agents;
using SupportShield.Bot.Ops;

namespace SupportShield.Bot.Access;

/// <summary>Registers the API keys and their roles.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>SupportShield:Agent</c> (<c>ApiKeys</c>, <c>SupervisorKeys</c>) and <c>SupportShield:Ops</c> (<c>ApiKeys</c>)
    /// once, and checks at start that no key is in two lists (a key has exactly one role).
    /// </summary>
    public static IServiceCollection AddSupportShieldAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ApiKeyRing)))
        {
            return services;
        }

        services.AddOptions<AgentApiOptions>()
            .Bind(configuration.GetSection("SupportShield:Agent"))
            .Validate(
                o => !o.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Intersect(o.SupervisorKeys, StringComparer.Ordinal).Any(),
                "A key is listed in both SupportShield:Agent:ApiKeys and SupportShield:Agent:SupervisorKeys; each key must have one role.")
            .ValidateOnStart();
        services.AddOptions<OpsApiOptions>()
            .Bind(configuration.GetSection("SupportShield:Ops"))
            .Validate<IOptions<AgentApiOptions>>(
                (ops, agent) => !ops.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Intersect(agent.Value.ApiKeys.Concat(agent.Value.SupervisorKeys), StringComparer.Ordinal).Any(),
                "A key is listed in SupportShield:Ops:ApiKeys and in SupportShield:Agent; ops keys must be distinct from agent and supervisor keys.")
            .ValidateOnStart();
        services.TryAddSingleton<ApiKeyRing>();
        return services;
    }
}
