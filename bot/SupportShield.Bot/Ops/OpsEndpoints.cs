using SupportShield.Bot.Access;
using SupportShield.Bot.FalsePositives;
using SupportShield.Bot.Rules;
using SupportShield.Bot.Storage;

namespace SupportShield.Bot.Ops;

/// <summary>The ops API under <c>/api/ops</c>: ops keys only (<c>SupportShield:Ops:ApiKeys</c>). Everything it shows is masked.</summary>
public static class OpsEndpoints
{
    /// <summary>Default number of items listed.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most items listed.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Registers the ops API (the keys and their roles).</summary>
    public static IServiceCollection AddSupportShieldOpsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSupportShieldAccess(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/ops").AddEndpointFilter(ApiKeyFilter.OpsApi());
        group.MapGet("/false-positives", ListFalsePositivesAsync);
        group.MapGet("/audit", ListAuditAsync);
        group.MapGet("/audit/verify", VerifyAuditAsync);
        group.MapGet("/rules/status", (RulesProvider rules) => Results.Ok(rules.Status));
        return endpoints;
    }

    private static async Task<IResult> ListFalsePositivesAsync(string? limit, FalsePositiveService service, CancellationToken cancellationToken)
    {
        if (!TryLimit(limit, out var count, out var problem))
        {
            return problem!;
        }

        return Results.Ok(await service.ListAsync(count, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> ListAuditAsync(string? conversationId, string? limit, IAuditChainStore audit, CancellationToken cancellationToken)
    {
        if (!TryLimit(limit, out var count, out var problem))
        {
            return problem!;
        }

        var records = await audit.ListRecentAsync(string.IsNullOrWhiteSpace(conversationId) ? null : conversationId, count, cancellationToken).ConfigureAwait(false);
        return Results.Ok(records.Select(r => new
        {
            r.Id,
            r.Record.Time,
            r.Record.ConversationId,
            r.Record.Direction,
            r.Record.Action,
            r.Record.EntityTypes,
            r.Record.RuleIds,
            r.Record.MaskedPreview,
            r.Record.ValueHashes,
            r.Record.MessageId,
            r.Record.Actor,
            r.PreviousHash,
            r.Hash,
        }));
    }

    private static async Task<IResult> VerifyAuditAsync(IAuditChainStore audit, CancellationToken cancellationToken) =>
        Results.Ok(await audit.VerifyAsync(cancellationToken).ConfigureAwait(false));

    private static bool TryLimit(string? text, out int limit, out IResult? problem)
    {
        problem = null;
        limit = DefaultLimit;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit)
        {
            return true;
        }

        problem = Results.Json(new { error = $"'limit' must be a whole number from 1 to {MaxLimit}." }, statusCode: StatusCodes.Status400BadRequest);
        return false;
    }
}
