using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.DirectLine;

/// <summary>Registers and maps the embedded Direct Line 3.0 service (<c>SupportShield:DirectLine</c>).</summary>
public static partial class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>SupportShield:DirectLine</c> and registers the embedded Direct Line. Call after
    /// <c>AddSupportShieldBotFramework</c>: the bot's <see cref="BotFrameworkAuthentication"/> is wrapped so that its connector
    /// clients can reach the embedded connector.
    /// </summary>
    public static IServiceCollection AddSupportShieldDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection("SupportShield:DirectLine"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.AddHttpClient(DirectLineConnector.HttpClientName);
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineConnector>();
        services.TryAddSingleton<DirectLineChannel>();

        var configured = services.LastOrDefault(d => d.ServiceType == typeof(BotFrameworkAuthentication))
            ?? throw new InvalidOperationException("AddSupportShieldDirectLine must be called after AddSupportShieldBotFramework.");
        if (configured.ImplementationType != typeof(DirectLineBotFrameworkAuthentication))
        {
            services.Replace(ServiceDescriptor.Singleton<BotFrameworkAuthentication>(sp => new DirectLineBotFrameworkAuthentication(
                Resolve(configured, sp),
                sp.GetRequiredService<DirectLineConnector>(),
                sp.GetRequiredService<IHttpClientFactory>())));
        }

        return services;
    }

    /// <summary>Maps the Direct Line API, its stream and the embedded connector (nothing when disabled).</summary>
    public static WebApplication MapSupportShieldDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        if (app.Services.GetRequiredService<DirectLineTokenService>().GeneratedSecret)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineServiceCollectionExtensions));
            LogGeneratedSecret(logger);
        }

        app.UseWebSockets();
        app.MapDirectLineClientApi();
        app.MapDirectLineConnector();
        return app;
    }

    private static BotFrameworkAuthentication Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        (BotFrameworkAuthentication)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line: no SupportShield:DirectLine:Secret set; a random one is in use (this host's page works; tokens end with the process).")]
    private static partial void LogGeneratedSecret(ILogger logger);
}
