using SupportShield.Bot.Access;
using SupportShield.Bot.FalsePositives.Contracts;
using SupportShield.Bot.Http;

namespace SupportShield.Bot.FalsePositives;

/// <summary>The agent's false-positive report on a held message.</summary>
public static class FalsePositiveEndpoints
{
    /// <summary>Maps <c>POST /conversations/{id}/held/{messageId}/false-positive</c> on the agent API group.</summary>
    public static RouteGroupBuilder MapFalsePositiveReports(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPost("/conversations/{conversationId}/held/{messageId}/false-positive", ReportAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        return group;
    }

    private static async Task<IResult> ReportAsync(string conversationId, string messageId, HttpRequest request, FalsePositiveService service, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<FalsePositiveBody>(request).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!ActorIds.IsValid(body.AgentId))
        {
            return Results.Json(new { error = $"'agentId' is required ({ActorIds.Description})." }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (body.Note is { Length: > FalsePositiveService.MaxNoteLength })
        {
            return Results.Json(new { error = $"'note' is at most {FalsePositiveService.MaxNoteLength} characters." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await service.ReportAsync(conversationId, messageId, body.AgentId!, body.Note?.Trim(), cancellationToken).ConfigureAwait(false);
        return report is null
            ? Results.Json(new { error = $"Conversation '{conversationId}' has no held message '{messageId}'." }, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new { reportId = report.ReportId, report.ReportedAt }, statusCode: StatusCodes.Status201Created);
    }
}
