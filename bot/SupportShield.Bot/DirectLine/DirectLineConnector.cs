using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The embedded connector: the <c>serviceUrl</c> of Direct Line activities, where the bot's replies come back to this host.
/// Only this process can call it: its calls carry a random key that never leaves the process (the bot's connector
/// client adds it; the connector routes refuse any request without it), so a browser cannot post as the bot.
/// </summary>
public sealed class DirectLineConnector
{
    /// <summary>The connector's path under the host (the Bot Framework connector API follows: <c>v3/conversations/…</c>).</summary>
    public const string PathPrefix = "/v3/directline/connector";

    /// <summary>The named HTTP client the bot's connector calls use.</summary>
    public const string HttpClientName = "SupportShield.DirectLine.Connector";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly IServer _server;
    private readonly Uri? _configuredBase;
    private readonly Lazy<string> _serviceUrl;

    public DirectLineConnector(IServer server, IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _configuredBase = options.Value.ConnectorBaseUrl;
        _serviceUrl = new Lazy<string>(ResolveServiceUrl);
        Key = Base64Url.EncodeToString(_key);
    }

    /// <summary>The serviceUrl of Direct Line activities (ends with '/').</summary>
    public string ServiceUrl => _serviceUrl.Value;

    /// <summary>The key the bot's calls present (Bearer); in memory only.</summary>
    internal string Key { get; }

    /// <summary>True when <paramref name="serviceUrl"/> is this host's embedded connector.</summary>
    public bool IsEmbedded(string? serviceUrl) =>
        serviceUrl is not null && serviceUrl.StartsWith(ServiceUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the request carries the connector key (compared in constant time).</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)),
            SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
    }

    private string ResolveServiceUrl()
    {
        var root = _configuredBase?.ToString() ?? OwnAddress();
        return root.TrimEnd('/') + PathPrefix + "/";
    }

    private string OwnAddress()
    {
        var addresses = _server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "The embedded Direct Line cannot tell this host's address; set SupportShield:DirectLine:ConnectorBaseUrl.");
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" ? "127.0.0.1" : uri.Host is "[::]" or "::" ? "[::1]" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Authority);
    }
}
