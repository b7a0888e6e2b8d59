using Microsoft.AspNetCore.Authentication;
using SupportShield.Bot.Access;
using SupportShield.Bot.Http;

namespace SupportShield.Bot.Consoles;

/// <summary>
/// Sign-in for the browser consoles: <c>POST /console/session</c> with a key starts a cookie session, <c>GET</c> tells who is
/// signed in, <c>DELETE</c> signs out. The pages themselves are static files under <c>wwwroot/agent</c> and <c>wwwroot/ops</c>.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Maps <c>/console/session</c>.</summary>
    public static IEndpointRouteBuilder MapConsoleSession(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/console/session");
        group.MapPost("", SignInAsync);
        group.MapGet("", WhoAsync);
        group.MapDelete("", SignOutAsync);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ApiKeyRing ring, ConsoleSignInThrottle throttle)
    {
        if (!http.Request.Headers.ContainsKey(ConsoleSession.RequestHeader))
        {
            return Results.Json(new { error = $"Sign-in must carry the {ConsoleSession.RequestHeader} header." }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!throttle.TryAttempt(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            http.Response.Headers.RetryAfter = "60";
            return Results.Json(new { error = "Too many sign-in attempts; wait a minute and try again." }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        var (body, error) = await JsonBody.ReadAsync<ConsoleSignInRequest>(http.Request).ConfigureAwait(false);
        if (body is null)
        {
            return Results.BadRequest(new { error });
        }

        if (string.IsNullOrWhiteSpace(body.Key))
        {
            return Results.BadRequest(new { error = "'key' is required." });
        }

        var role = ring.RoleOf(body.Key.Trim());
        if (role is null)
        {
            return Results.Json(new { error = "That key is not valid." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(ConsoleSession.Scheme, ConsoleIdentity.Create(role.Value, ApiKeyRing.Fingerprint(body.Key.Trim()))).ConfigureAwait(false);
        return Results.Ok(new { role = ConsoleIdentity.Name(role.Value) });
    }

    private static async Task<IResult> WhoAsync(HttpContext http, ApiKeyRing ring)
    {
        var result = await http.AuthenticateAsync(ConsoleSession.Scheme).ConfigureAwait(false);
        var role = result.Succeeded ? ConsoleIdentity.RoleOf(result.Principal, ring) : null;
        return role is null
            ? Results.Json(new { error = "Not signed in." }, statusCode: StatusCodes.Status401Unauthorized)
            : Results.Ok(new { role = ConsoleIdentity.Name(role.Value) });
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.Headers.ContainsKey(ConsoleSession.RequestHeader))
        {
            return Results.Json(new { error = $"Sign-out must carry the {ConsoleSession.RequestHeader} header." }, statusCode: StatusCodes.Status403Forbidden);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(ConsoleSession.Scheme).ConfigureAwait(false);
        return Results.NoContent();
    }
}
