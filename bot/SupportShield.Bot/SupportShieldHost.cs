using System.Text.Json;
using System.Text.Json.Serialization;
using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.Agents;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.Consoles;
using SupportShield.Bot.DevChannel;
using SupportShield.Bot.Health;
using SupportShield.Bot.Protection;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Email;
using SupportShield.Bot.Ops;
using SupportShield.Bot.OpsConsole;
using SupportShield.Bot.Telemetry;
using SupportShield.Bot.WebChat;

namespace SupportShield.Bot;

/// <summary>Builds the SupportShield web host: the Bot Framework endpoint, the agent API and the development outbox.</summary>
public static class SupportShieldHost
{
    /// <summary>Builds the application. <paramref name="configure"/> lets tests add configuration before services are registered.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The pages are served from the wwwroot beside the assembly, so the host finds them whatever its working folder
        // (dotnet run, a published app, or a test that hosts it in-process).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot() });
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
        builder.Services.AddSupportShieldOpsConsole(builder.Configuration);
        builder.Services.AddSupportShieldTelemetry(builder.Configuration);
        builder.Services.AddSupportShieldConsoles(builder.Configuration);
        builder.Services.AddSupportShieldAgentConsole(builder.Configuration);
        builder.Services.AddSupportShieldWebChat(builder.Configuration);

        var app = builder.Build();
        app.UseMiddleware<Storage.StorageOutageMiddleware>();
        app.UseConsolePageHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSupportShieldWebChat();
        app.MapBotMessages();
        app.MapAgentApi();
        app.MapOpsApi();
        app.MapOpsVerificationApi();
        app.MapOpsProtectionApi();
        app.MapOpsConsoleApi();
        app.MapDevOutbox();
        app.MapDevChannel();
        app.MapNotMe();
        app.MapConsoleSession();
        app.MapAgentConsole();
        app.MapSupportShieldHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static string? WebRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? beside : null;
    }
}
