using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
    /// <summary>Binds <c>SupportShield:Screening</c> (see <see cref="ScreeningOptions"/>).</summary>
    public static IServiceCollection AddSupportShieldScreening(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScreeningOptions>()
            .Bind(configuration.GetSection("SupportShield:Screening"))
            .Validate(o => o.MaxActivityCharacters > 0, "SupportShield:Screening:MaxActivityCharacters must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IDetectionEngineSource>(_ => new FixedDetectionEngineSource(DetectionEngine.CreateDefault()));
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
