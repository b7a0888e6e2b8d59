using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using SupportShield.Bot.Http;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The client side of the embedded Direct Line 3.0 API under <c>/v3/directline</c>: tokens, conversations, activities and
/// the WebSocket stream, as Web Chat and directlinejs use them. Errors are <c>{"error": "…"}</c>.
/// </summary>
public static partial class DirectLineEndpoints
{
    /// <summary>The route prefix (the <c>domain</c> Web Chat is given ends with it).</summary>
    public const string Prefix = "/v3/directline";

    /// <summary>Longest user id accepted from a secret holder.</summary>
    public const int MaxUserIdLength = 64;

    internal static IEndpointRouteBuilder MapDirectLineClientApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).ExcludeFromDescription();
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/upload", (string conversationId) =>
            Error(StatusCodes.Status400BadRequest, "Uploads are not supported by this chat."));
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync);
        return endpoints;
    }

    internal static IResult Error(int status, string message) =>
        DirectLineActivityJson.Result(new JObject { ["error"] = message }, status);

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var (caller, status, error) = DirectLineCaller.From(request, tokens);
        if (caller is null)
        {
            return Error(status == StatusCodes.Status403Forbidden ? StatusCodes.Status401Unauthorized : status, "Generating a token needs the Direct Line secret.");
        }

        if (!caller.IsSecret)
        {
            return Error(StatusCodes.Status403Forbidden, "Generating a token needs the Direct Line secret, not a token.");
        }

        var (userId, userError) = await ReadUserIdAsync(request).ConfigureAwait(false);
        if (userError is not null)
        {
            return Error(StatusCodes.Status400BadRequest, userError);
        }

        var conversation = store.Create(userId ?? NewUserId());
        return TokenResult(tokens, conversation.Id, tokens.IssueToken(conversation.Id, conversation.UserId), tokens.TokenLifetime);
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var (caller, status, error) = DirectLineCaller.From(request, tokens);
        if (caller?.Token is not { } token)
        {
            return Error(caller is null ? status : StatusCodes.Status400BadRequest, error ?? "Refresh needs a token, not the secret.");
        }

        if (store.Find(token.ConversationId) is null)
        {
            return Error(StatusCodes.Status404NotFound, "The conversation has ended.");
        }

        return TokenResult(tokens, token.ConversationId, tokens.IssueToken(token.ConversationId, token.UserId), tokens.TokenLifetime);
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, DirectLineChannel channel, IBot bot, TimeProvider time)
    {
        var (caller, status, error) = DirectLineCaller.From(http.Request, tokens);
        if (caller is null)
        {
            return Error(status, error!);
        }

        DirectLineConversation? conversation;
        string token;
        if (caller.Token is { } granted)
        {
            conversation = store.Find(granted.ConversationId);
            if (conversation is null)
            {
                return Error(StatusCodes.Status404NotFound, "The token's conversation has ended; get a new token.");
            }

            token = http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        }
        else
        {
            var (userId, userError) = await ReadUserIdAsync(http.Request).ConfigureAwait(false);
            if (userError is not null)
            {
                return Error(StatusCodes.Status400BadRequest, userError);
            }

            conversation = store.Create(userId ?? NewUserId());
            token = tokens.IssueToken(conversation.Id, conversation.UserId);
        }

        conversation.Touch(time.GetUtcNow());
        var created = !conversation.Started;
        await channel.StartAsync(conversation, bot, http.RequestAborted).ConfigureAwait(false);
        var expiresIn = caller.Token is { } t ? t.ExpiresAt - time.GetUtcNow() : tokens.TokenLifetime;
        var body = ConversationBody(http, tokens, conversation, token, expiresIn, watermark: null);
        return DirectLineActivityJson.Result(body, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static IResult Reconnect(string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, TimeProvider time)
    {
        var (conversation, caller, failure) = Open(conversationId, http.Request, tokens, store);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryWatermark(http.Request, out var watermark))
        {
            return Error(StatusCodes.Status400BadRequest, "The watermark must be a whole number.");
        }

        conversation!.Touch(time.GetUtcNow());
        var (token, expiresIn) = caller!.Token is { } granted
            ? (http.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim(), granted.ExpiresAt - time.GetUtcNow())
            : (tokens.IssueToken(conversation.Id, conversation.UserId), tokens.TokenLifetime);
        return DirectLineActivityJson.Result(ConversationBody(http, tokens, conversation, token, expiresIn, watermark));
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, DirectLineChannel channel, IBot bot)
    {
        var (conversation, caller, failure) = Open(conversationId, http.Request, tokens, store);
        if (failure is not null)
        {
            return failure;
        }

        var (body, bodyError) = await ReadBodyAsync(http.Request).ConfigureAwait(false);
        if (body is null)
        {
            return Error(bodyError == TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, bodyError!);
        }

        var (activity, _, parseError) = DirectLineActivityJson.Parse(body);
        if (activity is null)
        {
            return Error(StatusCodes.Status400BadRequest, parseError!);
        }

        var userId = caller!.Token?.UserId
            ?? (activity.From?.Id is { } id && UserIdPattern().IsMatch(id) ? id : conversation!.UserId);
        var result = await channel.PostFromUserAsync(conversation!, userId, activity, bot, http.RequestAborted).ConfigureAwait(false);
        if (result.ActivityId is not null)
        {
            return DirectLineActivityJson.Result(new JObject { ["id"] = result.ActivityId });
        }

        if (result.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        }

        return Error(result.StatusCode, result.Error ?? "The activity was not accepted.");
    }

    private static IResult GetActivities(string conversationId, HttpContext http, DirectLineTokenService tokens, DirectLineConversationStore store, TimeProvider time)
    {
        var (conversation, _, failure) = Open(conversationId, http.Request, tokens, store);
        if (failure is not null)
        {
            return failure;
        }

        if (!TryWatermark(http.Request, out var watermark))
        {
            return Error(StatusCodes.Status400BadRequest, "The watermark must be a whole number.");
        }

        conversation!.Touch(time.GetUtcNow());
        return DirectLineActivityJson.Result(ActivitySet(conversation.ReadAfter(watermark)));
    }

    /// <summary>The <c>{activities, watermark}</c> body of a read and of a stream message.</summary>
    internal static JObject ActivitySet(DirectLineSnapshot snapshot) => new()
    {
        ["activities"] = new JArray(snapshot.Activities.Select(a => a.DeepClone())),
        ["watermark"] = snapshot.Watermark.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The caller's conversation, or the answer when the caller may not use it or it does not exist.</summary>
    private static (DirectLineConversation? Conversation, DirectLineCaller? Caller, IResult? Failure) Open(
        string conversationId, HttpRequest request, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var (caller, status, error) = DirectLineCaller.From(request, tokens);
        if (caller is null)
        {
            return (null, null, Error(status, error!));
        }

        if (!caller.MayUse(conversationId))
        {
            return (null, null, Error(StatusCodes.Status403Forbidden, "The token is not valid for this conversation."));
        }

        var conversation = store.Find(conversationId);
        return conversation is null
            ? (null, null, Error(StatusCodes.Status404NotFound, "The conversation does not exist or has ended."))
            : (conversation, caller, null);
    }

    private static JObject ConversationBody(HttpContext http, DirectLineTokenService tokens, DirectLineConversation conversation, string token, TimeSpan expiresIn, long? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var query = watermark is { } w ? "watermark=" + w.ToString(CultureInfo.InvariantCulture) + "&" : string.Empty;
        var ticket = Uri.EscapeDataString(tokens.IssueStreamTicket(conversation.Id, conversation.UserId));
        return new JObject
        {
            ["conversationId"] = conversation.Id,
            ["token"] = token,
            ["expires_in"] = (int)Math.Max(0, expiresIn.TotalSeconds),
            ["streamUrl"] = $"{scheme}://{http.Request.Host.ToUriComponent()}{Prefix}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?{query}t={ticket}",
        };
    }

    private static IResult TokenResult(DirectLineTokenService tokens, string conversationId, string token, TimeSpan expiresIn) =>
        DirectLineActivityJson.Result(new JObject
        {
            ["conversationId"] = conversationId,
            ["token"] = token,
            ["expires_in"] = (int)expiresIn.TotalSeconds,
        });

    internal static bool TryWatermark(HttpRequest request, out long? watermark)
    {
        watermark = null;
        var text = request.Query["watermark"].ToString();
        if (string.IsNullOrEmpty(text) || text == "-")
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            watermark = value;
            return true;
        }

        return false;
    }

    private const string TooLarge = "The request body is larger than 262144 bytes.";

    private static async Task<(string? Body, string? Error)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > JsonBody.MaxBytes)
        {
            return (null, TooLarge);
        }

        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "The request body must be JSON (Content-Type: application/json).");
        }

        var buffer = new char[JsonBody.MaxBytes + 1];
        using var reader = new StreamReader(request.Body);
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > JsonBody.MaxBytes ? (null, TooLarge) : (new string(buffer, 0, length), null);
    }

    /// <summary>The user id a secret holder asked for (<c>{"user": {"id"}}</c>), none, or what is wrong with it.</summary>
    private static async Task<(string? UserId, string? Error)> ReadUserIdAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        var (body, error) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            return (null, error);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            var json = JToken.Parse(body);
            var id = json is JObject o ? (string?)o["user"]?["id"] : throw new Newtonsoft.Json.JsonReaderException("not an object");
            if (id is null)
            {
                return (null, null);
            }

            return UserIdPattern().IsMatch(id) ? (id, null) : (null, $"'user.id' must be 1 to {MaxUserIdLength} letters, digits or - _ : . characters.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return (null, $"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static string NewUserId() => "dl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    [GeneratedRegex("^[A-Za-z0-9_:.\\-]{1,64}$")]
    private static partial Regex UserIdPattern();
}
