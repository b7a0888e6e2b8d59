using SupportShield.Bot.Access;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Ops;

/// <summary>
/// Ops' side of the disclosure lock: <c>GET /api/ops/accounts/{accountId}/disclosure-lock</c> shows it and
/// <c>POST /api/ops/accounts/{accountId}/unlock-disclosures</c> lifts it (a customer's own lock, or one set by the
/// owner's "this wasn't me" report, which only ops may lift). Needs an ops key.
/// </summary>
public static class OpsProtectionEndpoints
{
    public static IEndpointRouteBuilder MapOpsProtectionApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/ops/accounts").AddEndpointFilter(ApiKeyFilter.OpsApi());
        group.MapGet("/{accountId}/disclosure-lock", GetAsync);
        group.MapPost("/{accountId}/unlock-disclosures", UnlockAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string accountId, IAccountDirectory accounts, DisclosureLockStore locks, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return Results.Json(new { error = "No account has that id." }, statusCode: StatusCodes.Status404NotFound);
        }

        var current = await locks.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { accountId = account.Id, locked = current.Locked, reason = current.Locked ? current.Reason.ToString() : null, lockedAt = current.LockedAt, ownerCanLiftAfter = current.OwnerCanLiftAfter });
    }

    private static async Task<IResult> UnlockAsync(
        string accountId,
        IAccountDirectory accounts,
        DisclosureLockStore locks,
        IAuditLog audit,
        AuditRecordFactory records,
        CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return Results.Json(new { error = "No account has that id." }, statusCode: StatusCodes.Status404NotFound);
        }

        var wasLocked = (await locks.GetAsync(account.Id, cancellationToken).ConfigureAwait(false)).Locked;
        await locks.UnlockAsync(account.Id, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            records.ForEvent("ops", "protection", "protection.unlocked", ["ops.unlock-disclosures", "account:" + account.Id, wasLocked ? "was-locked" : "was-not-locked"]),
            cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { accountId = account.Id, wasLocked });
    }
}
