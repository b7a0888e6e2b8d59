using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Sms;
using SupportShield.Dialogs.Sms;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SupportShield's SMS sender.</summary>
public static class SmsServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> Twilio calls go through.</summary>
    public const string TwilioHttpClientName = "SupportShield.Twilio";

    /// <summary>
    /// Registers <see cref="ISmsSender"/> as a singleton: <see cref="TwilioSmsSender"/> when <c>SupportShield:Sms:Twilio:AccountSid</c>
    /// is set (options validated at start-up), otherwise <see cref="DevOutboxSmsSender"/> keeping text messages in the SQLite dev outbox.
    /// </summary>
    public static IServiceCollection AddSupportShieldSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TwilioSmsOptions>()
            .Bind(configuration.GetSection(TwilioSmsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioSmsOptions>, TwilioSmsOptionsValidator>());

        if (!string.IsNullOrWhiteSpace(configuration[TwilioSmsOptions.SectionName + ":AccountSid"]))
        {
            // No request logging: the URL names the Twilio account, and nothing about a text message belongs in logs.
            services.AddHttpClient(TwilioHttpClientName).RemoveAllLoggers();
            services.TryAddSingleton(sp => new TwilioSmsSender(
                sp.GetRequiredService<IOptions<TwilioSmsOptions>>(),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioHttpClientName),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TwilioSmsSender>>()));
            services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<TwilioSmsSender>());
        }
        else
        {
            services.AddSupportShieldDatabase(configuration);
            services.TryAddSingleton<DevOutboxSmsSender>();
            services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<DevOutboxSmsSender>());
        }

        return services;
    }
}
