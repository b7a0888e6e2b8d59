using System.Text.Json;
using System.Text.Json.Serialization;
using SupportShield.Bot.Agents;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.DevChannel;
using SupportShield.Bot.Health;
using SupportShield.Bot.Protection;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Email;
using SupportShield.Bot.Ops;
using SupportShield.Bot.Telemetry;
using SupportShield.Bot.WebChat;

namespace SupportShield.Bot;

/// <summary>Builds the SupportShield web host: the Bot Framework endpoint, the agent API and the development outbox.</summary>
public static class SupportShieldHost
{
    /// <summary>Builds the application. <paramref name="configure"/> lets tests add configuration before services are registered.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSupportShield(builder.Configuration);
        builder.Services.AddSupportShieldBotFramework();
        builder.Services.AddSupportShieldAgentApi(builder.Configuration);
        builder.Services.AddSupportShieldHealth();
        builder.Services.AddSupportShieldDevChannel(builder.Configuration);
        builder.Services.AddSupportShieldOpsApi(builder.Configuration);
        builder.Services.AddSupportShieldTelemetry(builder.Configuration);
        builder.Services.AddSupportShieldWebChat(builder.Configuration);

        var app = builder.Build();
        app.MapSupportShieldWebChat();
        app.MapBotMessages();
        app.MapAgentApi();
        app.MapOpsApi();
        app.MapOpsVerificationApi();
        app.MapOpsProtectionApi();
        app.MapDevOutbox();
        app.MapDevChannel();
        app.MapNotMe();
        app.MapSupportShieldHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
