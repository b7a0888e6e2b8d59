using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Email;
using SupportShield.Dialogs.Email;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SupportShield's email sender.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> as a singleton: <see cref="SmtpEmailSender"/> when <c>SupportShield:Email:Smtp:Host</c>
    /// is set (options validated at start-up), otherwise <see cref="DevOutboxEmailSender"/> keeping emails in the SQLite dev outbox.
    /// </summary>
    public static IServiceCollection AddSupportShieldEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SmtpEmailOptions>()
            .Bind(configuration.GetSection(SmtpEmailOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpEmailOptions>, SmtpEmailOptionsValidator>());

        if (!string.IsNullOrWhiteSpace(configuration[SmtpEmailOptions.SectionName + ":Host"]))
        {
            services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSupportShieldDatabase(configuration);
            services.TryAddSingleton<DevOutboxEmailSender>();
            services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<DevOutboxEmailSender>());
        }

        return services;
    }
}
