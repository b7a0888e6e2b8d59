using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Verification;

/// <summary>Registers the verification dialog and its state machine.</summary>
public static class VerificationServiceCollectionExtensions
{
    /// <summary>Binds <c>SupportShield:Verification</c> (see <see cref="VerificationOptions"/>).</summary>
    public static IServiceCollection AddSupportShieldVerification(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VerificationOptions>()
            .Bind(configuration.GetSection("SupportShield:Verification"))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton<IVerificationCodeGenerator, RandomVerificationCodeGenerator>();
        services.TryAddSingleton<VerificationStore>();
        services.TryAddSingleton(sp => new VerificationStateMachine(
            sp.GetRequiredService<VerificationStore>(),
            sp.GetRequiredService<SupportShield.Middleware.Security.KeyedHasher>(),
            sp.GetRequiredService<IVerificationCodeGenerator>(),
            sp.GetRequiredService<IOptions<VerificationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<VerificationDialog>();
        services.TryAddSingleton<IVerificationGateway>(sp => sp.GetRequiredService<VerificationDialog>());
        return services;
    }
}
