using System.Net;

namespace SupportShield.Bot.Http;

/// <summary>Tells whether a request comes from this machine, for development-only endpoints.</summary>
public static class LoopbackRequest
{
    /// <summary>True for a loopback caller that did not come through a forwarding proxy.</summary>
    public static bool IsFromThisMachine(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        // A reverse proxy on this machine makes every caller look local; a forwarding header gives that away.
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        return IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }
}
