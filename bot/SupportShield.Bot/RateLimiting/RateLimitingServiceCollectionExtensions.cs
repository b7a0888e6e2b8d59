using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportShield.Bot.RateLimiting;

/// <summary>Registers the rate limits.</summary>
public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>Binds <c>SupportShield:RateLimits</c> (see <see cref="RateLimitOptions"/>).</summary>
    public static IServiceCollection AddSupportShieldRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection("SupportShield:RateLimits"))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton<IRateLimitStore, InProcessRateLimitStore>();
        services.TryAddSingleton(sp => new SupportShieldRateLimiter(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>(),
            sp.GetRequiredService<IRateLimitStore>(),
            sp.GetService<ILogger<SupportShieldRateLimiter>>()));
        return services;
    }

    /// <summary>
    /// The 429 answer: a Retry-After header (seconds) and a JSON body naming the limit; 503 with the same header when the
    /// shared counters could not be reached (<see cref="RateLimitDecision.StoreUnavailable"/>).
    /// </summary>
    public static IResult TooManyRequests(HttpContext http, RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(decision);
        var seconds = (int)Math.Ceiling(Math.Max(1, decision.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (decision.StoreUnavailable)
        {
            return Results.Json(
                new { error = $"Refused: the shared rate-limit store (Redis) cannot be reached, so {decision.Limit} cannot be counted. Try again in {seconds} seconds.", retryAfterSeconds = seconds },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(
            new { error = $"Too many requests ({decision.Limit}). Try again in {seconds} seconds.", retryAfterSeconds = seconds },
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}
