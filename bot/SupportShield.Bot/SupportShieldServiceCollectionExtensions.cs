using SupportShield.Bot.Protection;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Redis;
using SupportShield.Bot.Screening;
using SupportShield.Bot.Verification;

namespace SupportShield.Bot;

/// <summary>Registers everything SupportShield needs, so that an existing bot adds it with one call and one <c>adapter.Use(...)</c>.</summary>
public static class SupportShieldServiceCollectionExtensions
{
    /// <summary>
    /// Persistence (SQLite), the account directory, email and SMS, the detection engine and rules, the middleware, the
    /// verification dialog, account protection and rate limits, all bound from the <c>SupportShield</c> configuration section.
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
        services.AddSupportShieldRateLimits(configuration);
        services.AddSupportShieldRedis(configuration);
        services.AddSupportShieldIdempotency(configuration);
        return services;
    }
}
