using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportShield.Bot.Access;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.Http;
using SupportShield.Bot.HoldOverrides.Contracts;
using SupportShield.Bot.Storage;

namespace SupportShield.Bot.HoldOverrides;

/// <summary>Override requests on the agent API: agents ask, supervisors approve or reject.</summary>
public static class OverrideEndpoints
{
    /// <summary>Registers the override services and the false-positive reports.</summary>
    public static IServiceCollection AddSupportShieldOverrides(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<OverrideService>();
        services.TryAddSingleton<FalsePositives.FalsePositiveService>();
        return services;
    }

    /// <summary>Maps the override calls on the agent API group.</summary>
    public static RouteGroupBuilder MapOverrides(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/conversations/{conversationId}/held/{messageId}/override-requests", RequestAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        group.MapGet("/override-requests/{requestId}", GetAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent, ApiRole.Supervisor));
        group.MapPost("/override-requests/{requestId}/approve", ApproveAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Supervisor));
        group.MapPost("/override-requests/{requestId}/reject", RejectAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Supervisor));
        return group;
    }

    private static async Task<IResult> RequestAsync(string conversationId, string messageId, HttpRequest request, OverrideService service, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<OverrideRequestBody>(request).ConfigureAwait(false);
        if (body is null)
        {
            return BadRequest(error!);
        }

        if (!ActorIds.IsValid(body.AgentId))
        {
            return BadRequest($"'agentId' is required ({ActorIds.Description}).");
        }

        var justification = body.Justification?.Trim() ?? string.Empty;
        if (justification.Length is < OverrideService.MinJustificationLength or > OverrideService.MaxJustificationLength)
        {
            return BadRequest($"'justification' is required: {OverrideService.MinJustificationLength} to {OverrideService.MaxJustificationLength} characters saying why the customer must get this message before verifying.");
        }

        var result = await service.RequestAsync(conversationId, messageId, body.AgentId!, justification, cancellationToken).ConfigureAwait(false);
        return result.Outcome == OverrideOutcome.Requested
            ? Results.Json(OverrideRequestView.From(result.Request!), statusCode: StatusCodes.Status202Accepted)
            : Refusal(result, conversationId, messageId);
    }

    private static async Task<IResult> GetAsync(string requestId, OverrideService service, CancellationToken cancellationToken)
    {
        var request = await service.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        return request is null ? NotFound($"No override request '{requestId}' is known.") : Results.Ok(OverrideRequestView.From(request));
    }

    private static async Task<IResult> ApproveAsync(string requestId, HttpRequest request, OverrideService service, CancellationToken cancellationToken)
    {
        var (supervisorId, problem) = await SupervisorIdAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var result = await service.ApproveAsync(requestId, supervisorId!, cancellationToken).ConfigureAwait(false);
            return result.Outcome switch
            {
                OverrideOutcome.Released => Results.Ok(OverrideRequestView.From(result.Request!, result.Delivery)),
                OverrideOutcome.StillHeld => Results.Json(
                    new
                    {
                        error = "Approved, but the policy holds or blocks this message even for a verified customer; it stays held.",
                        request = OverrideRequestView.From(result.Request!, result.Delivery),
                    },
                    statusCode: StatusCodes.Status409Conflict),
                _ => Refusal(result, null, null),
            };
        }
        catch (BotTurnFailedException)
        {
            return Results.Json(
                new { error = "The message could not be sent (storage or channel unavailable). Nothing was sent; the request is pending again." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> RejectAsync(string requestId, HttpRequest request, OverrideService service, CancellationToken cancellationToken)
    {
        var (supervisorId, problem) = await SupervisorIdAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.RejectAsync(requestId, supervisorId!, cancellationToken).ConfigureAwait(false);
        return result.Outcome == OverrideOutcome.Rejected ? Results.Ok(OverrideRequestView.From(result.Request!)) : Refusal(result, null, null);
    }

    private static async Task<(string? SupervisorId, IResult? Problem)> SupervisorIdAsync(HttpRequest request)
    {
        var (body, error) = await JsonBody.ReadAsync<SupervisorDecisionBody>(request).ConfigureAwait(false);
        if (body is null)
        {
            return (null, BadRequest(error!));
        }

        return ActorIds.IsValid(body.SupervisorId) ? (body.SupervisorId, null) : (null, BadRequest($"'supervisorId' is required ({ActorIds.Description})."));
    }

    private static IResult Refusal(OverrideResult result, string? conversationId, string? messageId) => result.Outcome switch
    {
        OverrideOutcome.UnknownConversation => NotFound($"No conversation '{conversationId ?? result.Request?.ConversationId}' is known."),
        OverrideOutcome.UnknownMessage => NotFound($"The conversation holds no message '{messageId}'."),
        OverrideOutcome.UnknownRequest => NotFound("No such override request is known."),
        OverrideOutcome.NotHeld => Conflict("The message is no longer held (it was released or is being released)."),
        OverrideOutcome.AlreadyDecided => Conflict($"The request was already decided ({result.Request?.Status.ToString().ToLowerInvariant()})."),
        OverrideOutcome.OwnRequest => Results.Json(new { error = "A supervisor cannot decide an override request they made themselves." }, statusCode: StatusCodes.Status403Forbidden),
        _ => Conflict($"The request could not be completed ({result.Outcome})."),
    };

    private static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status409Conflict);

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);
}
