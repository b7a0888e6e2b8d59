using Microsoft.AspNetCore.Authentication;
using SupportShield.Bot.Consoles;

namespace SupportShield.Bot.Access;

/// <summary>
/// Lets a request through only with <c>Authorization: Bearer KEY</c> (or, without that header, a console session cookie;
/// a console call that changes something must then also carry <see cref="ConsoleSession.RequestHeader"/>) for a key of one of the roles its API knows:
/// 401 when the key is not one of them, 403 when it is but the call needs another role. The role is kept in
/// <see cref="HttpContext.Items"/> under <see cref="RoleItem"/>.
/// </summary>
public sealed class ApiKeyFilter : IEndpointFilter
{
    /// <summary>Key of the caller's <see cref="ApiRole"/> in <see cref="HttpContext.Items"/>.</summary>
    public const string RoleItem = "SupportShield.ApiRole";

    private readonly ApiRole[] _known;
    private readonly ApiRole[] _allowed;

    /// <param name="known">The roles whose keys this API recognises at all (others get 401).</param>
    /// <param name="allowed">The roles that may make this call (the other known roles get 403).</param>
    public ApiKeyFilter(IReadOnlyCollection<ApiRole> known, IReadOnlyCollection<ApiRole> allowed)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(allowed);
        _known = [.. known];
        _allowed = [.. allowed];
    }

    /// <summary>A filter of the agent API (agent and supervisor keys) letting <paramref name="allowed"/> through.</summary>
    public static ApiKeyFilter AgentApi(params ApiRole[] allowed) => new([ApiRole.Agent, ApiRole.Supervisor], allowed);

    /// <summary>The filter of the ops API: ops keys only.</summary>
    public static ApiKeyFilter OpsApi() => new([ApiRole.Ops], [ApiRole.Ops]);

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        ApiRole? role;
        if (header.Length > 0)
        {
            role = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                ? http.RequestServices.GetRequiredService<ApiKeyRing>().RoleOf(header[scheme.Length..].Trim(), _known)
                : null;
        }
        else
        {
            role = await ConsoleRoleAsync(http).ConfigureAwait(false);
            if (role is not null && !_known.Contains(role.Value))
            {
                role = null;
            }

            if (role is not null && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !http.Request.Headers.ContainsKey(ConsoleSession.RequestHeader))
            {
                return Results.Json(
                    new { error = $"A console call that changes something must carry the {ConsoleSession.RequestHeader} header." },
                    statusCode: StatusCodes.Status403Forbidden);
            }
        }

        if (role is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(
                new { error = $"A valid key is required: Authorization: Bearer KEY, with a key of role {string.Join(" or ", _allowed.Select(Name))}." },
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!_allowed.Contains(role.Value))
        {
            return Results.Json(
                new { error = $"This call needs role {string.Join(" or ", _allowed.Select(Name))}; the key presented has role {Name(role.Value)}." },
                statusCode: StatusCodes.Status403Forbidden);
        }

        http.Items[RoleItem] = role.Value;
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The role of the caller's console session (cookie), or null without one (or when consoles are not registered).</summary>
    private static async Task<ApiRole?> ConsoleRoleAsync(HttpContext http)
    {
        var schemes = http.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is null || await schemes.GetSchemeAsync(ConsoleSession.Scheme).ConfigureAwait(false) is null)
        {
            return null;
        }

        var result = await http.AuthenticateAsync(ConsoleSession.Scheme).ConfigureAwait(false);
        return result.Succeeded ? ConsoleIdentity.RoleOf(result.Principal, http.RequestServices.GetRequiredService<ApiKeyRing>()) : null;
    }

    private static string Name(ApiRole role) => role.ToString().ToLowerInvariant();
}
