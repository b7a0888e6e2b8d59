using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.Rules;

namespace SupportShield.Bot.OpsConsole;

/// <summary>Registers the services behind the ops console's API.</summary>
public static class OpsConsoleServiceCollectionExtensions
{
    /// <summary>Adds <see cref="RulesEditor"/>, <see cref="RuleTester"/>, <see cref="RulesDryRun"/> and <see cref="OpsCounters"/> (with the rules they read).</summary>
    public static IServiceCollection AddSupportShieldOpsConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSupportShieldRules(configuration);
        services.TryAddSingleton<RulesEditor>();
        services.TryAddSingleton<RuleTester>();
        services.TryAddSingleton<RulesDryRun>();
        services.TryAddSingleton<OpsCounters>();
        return services;
    }
}
