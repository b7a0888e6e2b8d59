using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.Access;
using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.FalsePositives;
using SupportShield.Bot.HoldOverrides;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.Http;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Agents;

/// <summary>The agent API under <c>/api/agent</c>: every call needs an agent key.</summary>
public static class AgentEndpoints
{
    /// <summary>Longest agent id accepted.</summary>
    public const int MaxAgentIdLength = 200;

    /// <summary>Binds <c>SupportShield:Agent</c> and registers the agent services.</summary>
    public static IServiceCollection AddSupportShieldAgentApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSupportShieldAccess(configuration);
        services.TryAddSingleton<AgentConversationService>();
        services.TryAddSingleton<IdempotentAgentSender>();
        services.TryAddSingleton<AgentTextMasker>();
        services.TryAddSingleton<AgentConversationViews>();
        services.TryAddSingleton<AccountMatches>();
        services.AddSupportShieldOverrides();
        return services;
    }

    /// <summary>
    /// Maps the agent API. Agent keys make every agent call; supervisor keys only read conversations and decide override
    /// requests (403 elsewhere); any other key gets 401.
    /// </summary>
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/agent");
        group.MapGet("/conversations/{conversationId}", GetConversationAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent, ApiRole.Supervisor));
        group.MapPost("/conversations/{conversationId}/link", LinkAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        group.MapPost("/conversations/{conversationId}/messages", SendMessageAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        group.MapPost("/conversations/{conversationId}/verification", StartVerificationAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        group.MapConversationListAndAccountSearch();
        group.MapOverrides();
        group.MapFalsePositiveReports();
        return endpoints;
    }

    private static async Task<IResult> GetConversationAsync(string conversationId, AgentConversationService service, CancellationToken cancellationToken)
    {
        var view = await service.GetAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return view is null ? UnknownConversation(conversationId) : Results.Ok(view);
    }

    private static async Task<IResult> LinkAsync(string conversationId, HttpRequest request, AgentConversationService service, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<LinkAccountRequest>(request).ConfigureAwait(false);
        if (body is null)
        {
            return BadRequest(error!);
        }

        if (string.IsNullOrWhiteSpace(body.AccountId))
        {
            return BadRequest("'accountId' is required.");
        }

        return await service.LinkAsync(conversationId, body.AccountId.Trim(), cancellationToken).ConfigureAwait(false) switch
        {
            LinkResult.UnknownConversation => UnknownConversation(conversationId),
            LinkResult.UnknownAccount => Results.Json(new { error = "No account has that id." }, statusCode: StatusCodes.Status404NotFound),
            _ => Results.Ok(new { conversationId, accountId = body.AccountId.Trim() }),
        };
    }

    private static async Task<IResult> SendMessageAsync(string conversationId, HttpRequest request, AgentConversationService service, SupportShieldRateLimiter limiter, CancellationToken cancellationToken)
    {
        // One send reads the conversation and its verification state several times: once from the database is enough.
        using var readScope = StorageReadScope.Begin();
        var (body, error) = await JsonBody.ReadAsync<SendAgentMessageRequest>(request).ConfigureAwait(false);
        if (body is null)
        {
            return BadRequest(error!);
        }

        if (string.IsNullOrWhiteSpace(body.AgentId) || body.AgentId.Length > MaxAgentIdLength)
        {
            return BadRequest($"'agentId' is required (at most {MaxAgentIdLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return BadRequest("'text' is required and must not be blank.");
        }

        if (request.Headers.TryGetValue(IdempotentAgentSender.HeaderName, out var keyHeader))
        {
            return await SendIdempotentAsync(conversationId, request, body.AgentId, body.Text, keyHeader.ToString(), service, limiter, cancellationToken).ConfigureAwait(false);
        }

        var limit = await service.TryAcquireAsync(limiter.TryAcquireMessageAsync, conversationId, cancellationToken).ConfigureAwait(false);
        if (limit is { Allowed: false })
        {
            return RateLimitingServiceCollectionExtensions.TooManyRequests(request.HttpContext, limit);
        }

        try
        {
            var outcome = await service.SendAsync(conversationId, body.AgentId, body.Text, cancellationToken).ConfigureAwait(false);
            return outcome is null
                ? UnknownConversation(conversationId)
                : Results.Ok(new SendAgentMessageResponse(outcome.MessageId, outcome.Status, outcome.DeliveredText, outcome.Reasons.Select(ReasonView.From).ToList()));
        }
        catch (BotTurnFailedException)
        {
            return Results.Json(
                new { error = "The message could not be screened or delivered (storage or channel unavailable). Nothing was sent; try again." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>A send with an <c>Idempotency-Key</c>: done once across retries and instances (see <see cref="IdempotentAgentSender"/>).</summary>
    private static async Task<IResult> SendIdempotentAsync(string conversationId, HttpRequest request, string agentId, string text, string key, AgentConversationService service, SupportShieldRateLimiter limiter, CancellationToken cancellationToken)
    {
        if (IdempotentAgentSender.Problem(key) is { } problem)
        {
            return BadRequest(problem);
        }

        var sender = request.HttpContext.RequestServices.GetRequiredService<IdempotentAgentSender>();
        try
        {
            var result = await sender.SendAsync(
                conversationId,
                agentId,
                text,
                key,
                ct => service.TryAcquireAsync(limiter.TryAcquireMessageAsync, conversationId, ct),
                cancellationToken).ConfigureAwait(false);
            if (result.UnknownConversation)
            {
                return UnknownConversation(conversationId);
            }

            if (result.RateLimit is { } limit)
            {
                return RateLimitingServiceCollectionExtensions.TooManyRequests(request.HttpContext, limit);
            }

            if (result.InProgressFor is { } wait)
            {
                request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(
                    new { error = $"A send with this {IdempotentAgentSender.HeaderName} is in progress; retry after it finishes." },
                    statusCode: StatusCodes.Status409Conflict);
            }

            if (result.Replayed)
            {
                request.HttpContext.Response.Headers[IdempotentAgentSender.ReplayedHeaderName] = "true";
            }

            return Results.Ok(result.Response);
        }
        catch (BotTurnFailedException)
        {
            return Results.Json(
                new { error = "The message could not be screened or delivered (storage or channel unavailable). Nothing was sent; try again with the same Idempotency-Key." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> StartVerificationAsync(string conversationId, HttpContext http, AgentConversationService service, SupportShieldRateLimiter limiter, CancellationToken cancellationToken)
    {
        var limit = await service.TryAcquireAsync(limiter.TryAcquireVerificationStartAsync, conversationId, cancellationToken).ConfigureAwait(false);
        if (limit is { Allowed: false })
        {
            return RateLimitingServiceCollectionExtensions.TooManyRequests(http, limit);
        }

        try
        {
            var result = await service.StartVerificationAsync(conversationId, cancellationToken).ConfigureAwait(false);
            return result switch
            {
                null => UnknownConversation(conversationId),
                VerificationStartResult.DeliveryFailed => Results.Json(
                    new { status = result, error = "The code could not be sent: the mail server is unreachable. The customer was told to try again later." },
                    statusCode: StatusCodes.Status503ServiceUnavailable),
                _ => Results.Ok(new StartVerificationResponse(result.Value)),
            };
        }
        catch (BotTurnFailedException)
        {
            return Results.Json(new { error = "Verification could not be started (storage or channel unavailable)." }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult UnknownConversation(string conversationId) =>
        Results.Json(new { error = $"No conversation '{conversationId}' is known." }, statusCode: StatusCodes.Status404NotFound);

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);
}
