using System.Net;
using SupportShield.Dialogs.Notices;
using SupportShield.Middleware.AccountProtection;
using SupportShield.Middleware.Audit;

namespace SupportShield.Bot.Protection;

/// <summary>
/// The page behind a notice's "this wasn't me" link. Opening the link shows a button (mail scanners that open links
/// must not lock accounts); pressing it locks chat disclosures for the account until ops lift the lock.
/// </summary>
public static class NotMeEndpoints
{
    public static IEndpointRouteBuilder MapNotMe(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(OwnerNotifier.ReportPath, (string? token, NotMeToken tokens, TimeProvider time) =>
            tokens.Validate(token, time.GetUtcNow()) is null
                ? Page(HttpStatusCode.BadRequest, "This link is not valid or has expired.", null)
                : Page(HttpStatusCode.OK, "Was it not you? Press the button and our support chat will stop sharing any of your details until our security team has checked your account.", token));
        endpoints.MapPost(OwnerNotifier.ReportPath, ReportAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ReportAsync(
        HttpRequest request,
        NotMeToken tokens,
        DisclosureLockStore locks,
        IAuditLog audit,
        AuditRecordFactory records,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var token = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken).ConfigureAwait(false))["token"].ToString() : null;
        var accountId = tokens.Validate(token, time.GetUtcNow());
        if (accountId is null)
        {
            return Page(HttpStatusCode.BadRequest, "This link is not valid or has expired.", null);
        }

        await locks.LockAsync(accountId, DisclosureLockReason.OwnerReport, time.GetUtcNow(), ownerCanLiftAfter: null, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(records.ForEvent($"account:{records.HashValue(accountId)[..16]}", "protection", "protection.owner-report", ["protection.not-me-link"]), cancellationToken).ConfigureAwait(false);
        return Page(HttpStatusCode.OK, "Thank you. Our support chat will not share any of your details until our security team has checked your account.", null);
    }

    private static IResult Page(HttpStatusCode status, string message, string? token)
    {
        var form = token is null
            ? string.Empty
            : $"""<form method="post"><input type="hidden" name="token" value="{WebUtility.HtmlEncode(token)}"><button type="submit">It wasn't me: lock chat disclosures</button></form>""";
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>Account protection</title></head>
            <body><main><h1>Account protection</h1><p>{WebUtility.HtmlEncode(message)}</p>{form}</main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: (int)status);
    }
}
