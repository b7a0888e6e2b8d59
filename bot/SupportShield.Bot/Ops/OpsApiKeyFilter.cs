using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.Ops;

/// <summary>Lets a request through only with <c>Authorization: Bearer KEY</c> for a configured ops key (compared in constant time). Agent keys do not work here.</summary>
public sealed class OpsApiKeyFilter : IEndpointFilter
{
    private readonly IOptionsMonitor<OpsApiOptions> _options;

    public OpsApiKeyFilter(IOptionsMonitor<OpsApiOptions> options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !IsKnown(header[scheme.Length..].Trim()))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new { error = "A valid ops key is required: Authorization: Bearer KEY (SupportShield:Ops:ApiKeys)." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context).ConfigureAwait(false);
    }

    private bool IsKnown(string presented)
    {
        if (presented.Length == 0)
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var known = false;
        foreach (var key in _options.CurrentValue.ApiKeys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                known |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            }
        }

        return known;
    }
}
