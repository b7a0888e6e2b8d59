using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using SupportShield.Bot.Http;

namespace SupportShield.Bot.DevChannel;

/// <summary>
/// A Bot Framework channel inside the host for local use without Azure: an activity posted to <c>/api/messages</c> with
/// <c>serviceUrl</c> <c>http://localhost:3978/dev/channel/</c> gets its replies here, and
/// <c>GET /dev/channel/{conversationId}</c> shows what the customer received. Loopback callers only, and only when enabled.
/// </summary>
public static class DevChannelEndpoints
{
    /// <summary>Route prefix; also the serviceUrl path.</summary>
    public const string Prefix = "/dev/channel";

    public static IServiceCollection AddSupportShieldDevChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DevChannelOptions>().Bind(configuration.GetSection("SupportShield:DevChannel"));
        services.TryAddSingleton<DevChannelInbox>();
        return services;
    }

    public static IEndpointRouteBuilder MapDevChannel(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Prefix).ExcludeFromDescription();
        group.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", ReceiveAsync);
        group.MapPost("/v3/conversations/{conversationId}/activities", ReceiveAsync);
        group.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", ReceiveAsync);
        group.MapGet("/{conversationId}", (string conversationId, HttpContext http, DevChannelInbox inbox) =>
            IsAvailable(http)
                ? Results.Json(inbox.List(conversationId).Select(a => new { type = a.Type, text = a.Text, from = a.From?.Role ?? "bot", attachments = a.Attachments?.Count ?? 0 }))
                : Results.NotFound());
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(string conversationId, HttpContext http, DevChannelInbox inbox)
    {
        if (!IsAvailable(http))
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(http.Request.Body);
        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false));
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity is null)
        {
            return Results.BadRequest();
        }

        activity.Id ??= Guid.NewGuid().ToString("N");
        inbox.Add(conversationId, activity);
        return Results.Json(new { id = activity.Id });
    }

    private static bool IsAvailable(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<DevChannelOptions>>().Value.Enabled && LoopbackRequest.IsFromThisMachine(http);
}
