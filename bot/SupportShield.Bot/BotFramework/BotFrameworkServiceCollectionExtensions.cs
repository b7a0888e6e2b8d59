using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportShield.Bot.BotFramework;

/// <summary>Registers the Bot Framework pieces: authentication from configuration, the adapter with SupportShield, the bot.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    public static IServiceCollection AddSupportShieldBotFramework(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient();
        // Reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId; with no app id, auth is off (local use).
        services.TryAddSingleton<BotFrameworkAuthentication>(sp => new SharedClientsBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<SupportShieldAdapter>>())));
        services.TryAddSingleton<SupportShieldAdapter>();
        services.TryAddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<SupportShieldAdapter>());
        services.TryAddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.TryAddTransient<IBot, SupportShieldBot>();
        return services;
    }
}
