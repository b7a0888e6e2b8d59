using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.Agents;

/// <summary>Lets a request through only with <c>Authorization: Bearer KEY</c> for a configured agent key (compared in constant time).</summary>
public sealed class AgentApiKeyFilter : IEndpointFilter
{
    private readonly IOptionsMonitor<AgentApiOptions> _options;

    public AgentApiKeyFilter(IOptionsMonitor<AgentApiOptions> options)
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
            return Results.Json(new { error = "A valid agent key is required: Authorization: Bearer KEY." }, statusCode: StatusCodes.Status401Unauthorized);
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
