using SupportShield.Bot.Protection;
using SupportShield.Bot.Screening;
using SupportShield.Bot.Verification;

namespace SupportShield.Bot;

/// <summary>Registers everything SupportShield needs, so that an existing bot adds it with one call and one <c>adapter.Use(...)</c>.</summary>
public static class SupportShieldServiceCollectionExtensions
{
    /// <summary>
    /// Persistence (SQLite), the account directory, email, the detection engine and policy, the middleware and the
    /// verification dialog, all bound from the <c>SupportShield</c> configuration section.
    /// </summary>
    public static IServiceCollection AddSupportShield(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSupportShieldPersistence(configuration);
        services.AddSupportShieldAccounts(configuration);
        services.AddSupportShieldEmail(configuration);
        services.AddSupportShieldSms(configuration);
        services.AddSupportShieldScreening(configuration);
        services.AddSupportShieldVerification(configuration);
        services.AddSupportShieldProtection(configuration);
        return services;
    }
}
