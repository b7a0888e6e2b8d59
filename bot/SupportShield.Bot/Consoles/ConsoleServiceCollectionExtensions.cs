using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupportShield.Bot.Access;

namespace SupportShield.Bot.Consoles;

/// <summary>Registers the console sign-in (cookie sessions) used by the agent and ops consoles.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// Adds cookie authentication under <see cref="ConsoleSession.Scheme"/>: HttpOnly, SameSite=Strict, secure when the request is,
    /// sliding <see cref="ConsoleSession.IdleTimeout"/>; API calls without a session get 401/403 instead of a redirect, and a
    /// session ends as soon as its key is no longer configured.
    /// </summary>
    public static IServiceCollection AddSupportShieldConsoles(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSupportShieldAccess(configuration);
        services.AddAuthentication(ConsoleSession.Scheme)
            .AddCookie(ConsoleSession.Scheme, options =>
            {
                options.Cookie.Name = ConsoleSession.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.IsEssential = true;
                options.ExpireTimeSpan = ConsoleSession.IdleTimeout;
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    },
                    OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                    OnValidatePrincipal = ValidateKeyStillConfiguredAsync,
                };
            });
        services.AddAuthorization();
        services.AddSingleton<ConsoleSignInThrottle>();
        return services;
    }

    private static async Task ValidateKeyStillConfiguredAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var ring = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        if (principal is null || ConsoleIdentity.RoleOf(principal, ring) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleSession.Scheme).ConfigureAwait(false);
        }
    }
}
