using SupportShield.Middleware.Audit;
using SupportShield.Bot.Redis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.Consoles;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Transcripts;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.AgentConsole;

/// <summary>Registers and maps the agent console's live side: the SignalR hub and the events that feed it.</summary>
public static class AgentConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds SignalR (JSON, enums as camel-case strings), the <see cref="AgentHub.Policy"/> policy (a console session of an agent or
    /// supervisor), <see cref="IAgentConsolePresence"/> (shared through Redis when it is on, so that nothing is built or pushed
    /// while no console is connected to any instance), <see cref="IConversationEvents"/> pushing through the hub, and decorates the registered transcript store,
    /// held-message store and verification gateway so that they report what happens. Call after <c>AddSupportShield</c> and the
    /// agent API (whatever storage provider registered those stores).
    /// </summary>
    public static IServiceCollection AddSupportShieldAgentConsole(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(SignalRConversationEvents)))
        {
            return services;
        }

        services.AddSignalR().AddJsonProtocol(options =>
        {
            options.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }).AddSupportShieldRedisBackplane(configuration);
        services.AddAuthorizationBuilder().AddPolicy(AgentHub.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleSession.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ConsoleSession.RoleClaim, "agent", "supervisor"));

        services.AddSupportShieldRedisConsolePresence(configuration);
        services.TryAddSingleton<IAgentConsolePresence, AgentConsolePresence>();
        services.AddSingleton<SignalRConversationEvents>();
        services.TryAddSingleton<IConversationEvents>(sp => sp.GetRequiredService<SignalRConversationEvents>());
        services.Decorate<IAgentTranscriptStore>((sp, inner) => new NotifyingTranscriptStore(inner, sp.GetRequiredService<IConversationEvents>()));
        services.Decorate<IDecisionRecorder>((sp, inner) => new NotifyingDecisionRecorder(inner, sp.GetRequiredService<IConversationEvents>()));
        services.Decorate<IHeldMessageStore>((sp, inner) => new NotifyingHeldMessageStore(inner, sp.GetRequiredService<IConversationEvents>()));
        services.Decorate<IVerificationGateway>((sp, inner) => new NotifyingVerificationGateway(inner, sp.GetRequiredService<IConversationEvents>()));
        return services;
    }

    /// <summary>Maps the agent hub at <see cref="AgentHub.Path"/>.</summary>
    public static IEndpointRouteBuilder MapAgentConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<AgentHub>(AgentHub.Path);
        return endpoints;
    }
}
