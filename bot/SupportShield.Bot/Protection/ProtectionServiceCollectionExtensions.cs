using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Dialogs.Notices;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.ContactChanges;

namespace SupportShield.Bot.Protection;

/// <summary>Registers account protection: owner notices, the "this wasn't me" report and the disclosure lock.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>Binds <c>SupportShield:Protection</c> and <c>SupportShield:Notices</c>.</summary>
    public static IServiceCollection AddSupportShieldProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DisclosureLockOptions>()
            .Bind(configuration.GetSection("SupportShield:Protection"))
            .Validate(o => o.OwnerCoolingOff >= TimeSpan.Zero, "SupportShield:Protection:OwnerCoolingOff must not be negative.")
            .ValidateOnStart();
        services.AddOptions<OwnerNoticeOptions>()
            .Bind(configuration.GetSection("SupportShield:Notices"))
            .Validate(o => o.PublicBaseUrl.IsAbsoluteUri && o.MinimumInterval >= TimeSpan.Zero && o.ReportLinkLifetime > TimeSpan.Zero, "SupportShield:Notices needs an absolute PublicBaseUrl and positive durations.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DisclosureLockOptions>>().Value);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OwnerNoticeOptions>>().Value);
        services.TryAddSingleton<DisclosureLockStore>();
        services.TryAddSingleton<DisclosureLockConversation>();
        services.TryAddSingleton<NotMeToken>();
        services.TryAddSingleton<ContactChangeService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccountActivityObserver, OwnerNotifier>());
        return services;
    }
}
