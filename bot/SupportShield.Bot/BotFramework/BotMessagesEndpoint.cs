using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Conversations;

namespace SupportShield.Bot.BotFramework;

/// <summary>Maps <c>POST /api/messages</c>, the Bot Framework endpoint, refusing malformed activities with a clear 400.</summary>
public static class BotMessagesEndpoint
{
    /// <summary>Largest activity accepted, in bytes.</summary>
    public const int MaxActivityBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(
        HttpContext http,
        IBotFrameworkHttpAdapter adapter,
        IBot bot,
        IConfiguration configuration,
        SupportShieldRateLimiter limiter,
        IConversationStore conversations)
    {
        // One activity's turn reads its conversation and verification state several times: once from the database is enough.
        using var readScope = StorageReadScope.Begin();
        if (!string.IsNullOrEmpty(configuration["MicrosoftAppId"]) && BotTokenPrecheck.Problem(http.Request.Headers.Authorization.ToString()) is { } tokenProblem)
        {
            // Refused before anything is read or fetched: a token Bot Framework could never accept costs no network call.
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, tokenProblem).ConfigureAwait(false);
            return;
        }

        if (http.Request.ContentLength > MaxActivityBytes)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes} bytes.").ConfigureAwait(false);
            return;
        }

        http.Request.EnableBuffering(MaxActivityBytes);
        string body;
        using (var reader = new StreamReader(http.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        if (body.Length > MaxActivityBytes)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes} bytes.").ConfigureAwait(false);
            return;
        }

        var problem = Validate(body, out var activity);
        if (problem is not null || activity is null)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, problem ?? "The request body is not a Bot Framework activity.").ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            var conversation = await conversations.GetAsync(activity.Conversation.Id, http.RequestAborted).ConfigureAwait(false);
            var decision = await limiter.TryAcquireMessageAsync(activity.Conversation.Id, conversation?.AccountId, http.RequestAborted).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                await RateLimitingServiceCollectionExtensions.TooManyRequests(http, decision).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }
        }

        http.Request.Body.Position = 0;
        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SecurityTokenException or SecurityTokenArgumentException && !http.Response.HasStarted)
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, "The Authorization header does not hold a valid Bot Framework token.").ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("IDX", StringComparison.Ordinal) && !http.Response.HasStarted)
        {
            // The signing keys could not be fetched (identity service unreachable): the token cannot be checked, so nothing is processed.
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, "The Bot Framework token cannot be validated right now (signing keys unavailable); nothing was processed.").ConfigureAwait(false);
        }
    }

    /// <summary>What is wrong with the activity JSON, or null when it can be processed.</summary>
    internal static string? Validate(string body, out Activity? activity)
    {
        activity = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return "The request body is empty; expected a Bot Framework activity as JSON.";
        }

        JObject json;
        try
        {
            json = JObject.Parse(body);
        }
        catch (JsonReaderException ex)
        {
            return $"The request body is not a JSON object: {ex.Message}";
        }

        try
        {
            activity = json.ToObject<Activity>();
        }
        catch (JsonException ex)
        {
            return $"The request body is not a Bot Framework activity: {ex.Message}";
        }

        if (activity is null)
        {
            return "The request body is not a Bot Framework activity.";
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ServiceUrl) || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps))
        {
            return "The activity has no valid absolute 'serviceUrl'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        return null;
    }

    private static Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = message });
    }
}
