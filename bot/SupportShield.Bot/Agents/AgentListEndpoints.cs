using SupportShield.Bot.Access;
using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.Http;

namespace SupportShield.Bot.Agents;

/// <summary>The agent API's list of conversations and its account search (the agent console uses both).</summary>
public static class AgentListEndpoints
{
    /// <summary>Conversations listed when no limit is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Most conversations listed.</summary>
    public const int MaxLimit = 200;

    /// <summary>
    /// Maps <c>GET /conversations?limit=</c> (agent, supervisor: most recent activity first, with verification state, linked
    /// account and held count) and <c>POST /accounts/search</c> (agent: <c>{"query"}</c> in the body, so an email or phone never
    /// lands in a URL or an access log; masked matches).
    /// </summary>
    public static RouteGroupBuilder MapConversationListAndAccountSearch(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/conversations", ListAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent, ApiRole.Supervisor));
        group.MapPost("/accounts/search", SearchAsync).AddEndpointFilter(ApiKeyFilter.AgentApi(ApiRole.Agent));
        return group;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, AgentConversationViews views, CancellationToken cancellationToken)
    {
        var limit = DefaultLimit;
        var raw = request.Query["limit"].ToString();
        if (raw.Length > 0 && (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Results.Json(new { error = $"'limit' must be a whole number from 1 to {MaxLimit}." }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Ok(new { conversations = await views.ListRecentAsync(limit, cancellationToken).ConfigureAwait(false) });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, AccountMatches accounts, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<AccountSearchRequest>(request).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);
        }

        var query = body.Query?.Trim() ?? string.Empty;
        if (query.Length is 0 or > AccountMatches.MaxQueryLength)
        {
            return Results.Json(
                new { error = $"'query' is required: an account id, email or phone (at most {AccountMatches.MaxQueryLength} characters)." },
                statusCode: StatusCodes.Status400BadRequest);
        }

        var matches = await accounts.FindAsync(query, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { matches });
    }
}
