namespace SupportShield.Bot.Consoles;

/// <summary>
/// Security headers for the console pages (<c>/agent</c>, <c>/ops</c>, <c>/console</c>): a strict Content-Security-Policy
/// (scripts and styles from the host only, no framing), no MIME sniffing, no referrer, no caching of pages that show
/// conversations.
/// </summary>
public static class ConsolePageHeaders
{
    /// <summary>The policy sent with every console response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private static readonly string[] Prefixes = ["/agent", "/ops", "/console"];

    /// <summary>Adds the headers to responses under the console paths.</summary>
    public static IApplicationBuilder UseConsolePageHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (Array.Exists(Prefixes, p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.XFrameOptions = "DENY";
                    headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
