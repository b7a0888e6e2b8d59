using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Rules;
using SupportShield.Detection.Engine;
using SupportShield.Middleware;
using SupportShield.Middleware.Audit;
using SupportShield.Middleware.Conversations;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.Screening;

/// <summary>Registers the detection engine, the policy and the SupportShield middleware.</summary>
public static class ScreeningServiceCollectionExtensions
{
    /// <summary>Binds <c>SupportShield:Screening</c> (see <see cref="ScreeningOptions"/>) and the rules file (<c>SupportShield:Rules</c>).</summary>
    public static IServiceCollection AddSupportShieldScreening(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScreeningOptions>()
            .Bind(configuration.GetSection("SupportShield:Screening"))
            .Validate(o => o.MaxActivityCharacters > 0, "SupportShield:Screening:MaxActivityCharacters must be positive.")
            .ValidateOnStart();
        // Detection and policy follow the rules file in force, so an edit applies to the next message without a restart.
        services.AddSupportShieldRules(configuration);
        services.TryAddSingleton<IDetectionEngineSource>(sp => sp.GetRequiredService<RulesProvider>());
        services.TryAddSingleton(sp => new MessageScreener(
            sp.GetRequiredService<IDetectionEngineSource>(),
            sp.GetRequiredService<IOptions<ScreeningOptions>>().Value));
        services.TryAddSingleton<AuditRecordFactory>();
        services.TryAddSingleton<LinkedAccountResolver>();
        services.TryAddSingleton<HeldMessageReleaser>();
        services.TryAddSingleton<IncomingMessageGuard>();
        services.TryAddSingleton<OutgoingMessageGuard>();
        services.TryAddSingleton<SupportShieldMiddleware>();
        return services;
    }
}
