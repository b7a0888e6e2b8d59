using SupportShield.Bot.Access;
using SupportShield.Dialogs.Verification;
using SupportShield.Middleware.Accounts;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Ops;

/// <summary><c>POST /api/ops/accounts/{accountId}/unlock-verification</c>: ends an account's verification lock. Needs an ops key.</summary>
public static class OpsVerificationEndpoints
{
    /// <summary>Maps the ops verification endpoints.</summary>
    public static IEndpointRouteBuilder MapOpsVerificationApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGroup("/api/ops").AddEndpointFilter(ApiKeyFilter.OpsApi())
            .MapPost("/accounts/{accountId}/unlock-verification", UnlockAsync);
        return endpoints;
    }

    private static async Task<IResult> UnlockAsync(
        string accountId,
        IAccountDirectory accounts,
        VerificationStateMachine machine,
        IAuditLog audit,
        AuditRecordFactory records,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > 200)
        {
            return Results.Json(new { error = "An account id of 1 to 200 characters is required." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var account = await accounts.FindByIdAsync(accountId.Trim(), cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return Results.Json(new { error = "No account has that id." }, statusCode: StatusCodes.Status404NotFound);
        }

        var wasLocked = await machine.UnlockAsync(account.Id, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            records.ForEvent("ops", "verification", "verification.unlocked", ["ops.unlock-verification", "account:" + account.Id, wasLocked ? "was-locked" : "was-not-locked"]),
            cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { accountId = account.Id, wasLocked });
    }
}
