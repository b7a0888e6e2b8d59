using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.DirectLine;

namespace SupportShield.Bot.WebChat;

/// <summary>
/// The customer's screen: <c>GET /</c> serves the Web Chat page, <c>POST /directline/token</c> gives it a Direct Line token
/// for a new conversation (the secret stays on the server), and the page's script, style and Web Chat bundle.
/// </summary>
public static partial class WebChatEndpoints
{
    /// <summary>The page's token endpoint.</summary>
    public const string TokenPath = "/directline/token";

    /// <summary>The named HTTP client that calls Azure's Direct Line.</summary>
    public const string HttpClientName = "SupportShield.WebChat.DirectLine";

    private static readonly (string Route, string File, string ContentType)[] Assets =
    [
        ("/lib/webchat.js", "lib/webchat.js", "text/javascript; charset=utf-8"),
        ("/js/customer-chat.js", "js/customer-chat.js", "text/javascript; charset=utf-8"),
        ("/css/customer-chat.css", "css/customer-chat.css", "text/css; charset=utf-8"),
    ];

    /// <summary>Binds <c>SupportShield:WebChat</c> and registers the page and the embedded Direct Line it uses by default.</summary>
    public static IServiceCollection AddSupportShieldWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSupportShieldDirectLine(configuration);
        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection("SupportShield:WebChat"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<WebChatPage>();
        services.TryAddSingleton<WebChatTokenLimiter>();
        return services;
    }

    /// <summary>Maps the page, its files and its token endpoint, and the embedded Direct Line (when enabled).</summary>
    public static WebApplication MapSupportShieldWebChat(this WebApplication endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapSupportShieldDirectLine();
        endpoints.MapGet("/", ServePage).ExcludeFromDescription();
        foreach (var (route, file, contentType) in Assets)
        {
            endpoints.MapGet(route, (HttpContext http, WebChatPage page) => ServeAsset(http, page, file, contentType)).ExcludeFromDescription();
        }

        endpoints.MapPost(TokenPath, IssueTokenAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult ServePage(HttpContext http, WebChatPage page)
    {
        if (page.Render() is not { } rendered)
        {
            return Results.Text($"The chat page is missing from {page.Root} (build the SupportShield.Bot project).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = rendered.Policy;
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return Results.Content(rendered.Html, "text/html; charset=utf-8");
    }

    private static IResult ServeAsset(HttpContext http, WebChatPage page, string file, string contentType)
    {
        var path = page.Asset(file);
        if (path is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.File(path, contentType, enableRangeProcessing: false);
    }

    private static async Task<IResult> IssueTokenAsync(
        HttpContext http,
        IOptions<WebChatOptions> options,
        IOptions<DirectLineOptions> directLine,
        WebChatTokenLimiter limiter,
        IServiceProvider services,
        IHttpClientFactory httpClients,
        ILogger<WebChatPage> logger)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!limiter.TryAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            http.Response.Headers.RetryAfter = "60";
            return Results.Json(new { error = "Too many chats started from this address; try again in a minute." }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var userId = "dl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        if (options.Value.DirectLineDomain is { } domain)
        {
            return await ExchangeAzureSecretAsync(domain, options.Value.DirectLineSecret!, userId, httpClients, logger, http.RequestAborted).ConfigureAwait(false);
        }

        if (!directLine.Value.Enabled)
        {
            return Results.Json(new { error = "No Direct Line is configured for the chat page." }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var tokens = services.GetRequiredService<DirectLineTokenService>();
        var conversation = services.GetRequiredService<DirectLineConversationStore>().Create(userId);
        return Results.Json(new WebChatTokenResponse(
            tokens.IssueToken(conversation.Id, conversation.UserId),
            conversation.Id,
            (int)tokens.TokenLifetime.TotalSeconds,
            DirectLineEndpoints.Prefix));
    }

    /// <summary>Azure Direct Line: <c>POST {domain}/tokens/generate</c> with the secret, for a new conversation of <paramref name="userId"/>.</summary>
    private static async Task<IResult> ExchangeAzureSecretAsync(Uri domain, string secret, string userId, IHttpClientFactory httpClients, ILogger logger, CancellationToken cancellationToken)
    {
        using var client = httpClients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, domain.ToString().TrimEnd('/') + "/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync<AzureDirectLineToken>(cancellationToken).ConfigureAwait(false) is { Token: { } token, ConversationId: { } conversationId } answer)
            {
                return Results.Json(new WebChatTokenResponse(token, conversationId, answer.ExpiresIn, domain.ToString().TrimEnd('/')));
            }

            LogExchangeFailed(logger, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogExchangeError(logger, ex.GetType().Name);
        }

        return Results.Json(new { error = "The chat service is unavailable right now; try again in a moment." }, statusCode: StatusCodes.Status502BadGateway);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Web Chat: Direct Line refused the token request with {Status}.")]
    private static partial void LogExchangeFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Web Chat: the Direct Line token request failed: {ExceptionType}.")]
    private static partial void LogExchangeError(ILogger logger, string exceptionType);
}
