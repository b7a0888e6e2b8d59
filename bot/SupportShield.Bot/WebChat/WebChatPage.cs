using System.Buffers.Text;
using System.Security.Cryptography;

namespace SupportShield.Bot.WebChat;

/// <summary>
/// The page's files (<c>wwwroot/</c>: index.html, its script and style, and <c>lib/webchat.js</c> that the build copies from
/// the npm package) and the page's security headers: a strict Content-Security-Policy with a fresh nonce for Web Chat's
/// style elements, no framing, no referrer, no caching of the page.
/// </summary>
public sealed class WebChatPage
{
    /// <summary>The placeholder of index.html that each response fills with its CSP nonce.</summary>
    public const string NoncePlaceholder = "{{CSP_NONCE}}";

    private readonly string _root;
    private readonly string _connectSources;
    private readonly Lazy<string?> _index;

    public WebChatPage(IWebHostEnvironment environment, Microsoft.Extensions.Options.IOptions<WebChatOptions> options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _root = new[] { environment.WebRootPath, Path.Combine(AppContext.BaseDirectory, "wwwroot") }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(Path.Combine(p, "index.html")))
            ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        _connectSources = ConnectSources(options.Value.DirectLineDomain);
        _index = new Lazy<string?>(() => File.Exists(Path.Combine(_root, "index.html")) ? File.ReadAllText(Path.Combine(_root, "index.html")) : null);
    }

    /// <summary>The folder the files are served from.</summary>
    public string Root => _root;

    /// <summary>The page with a fresh nonce in it, and the Content-Security-Policy that goes with it; null when index.html is missing.</summary>
    public (string Html, string Policy)? Render()
    {
        if (_index.Value is not { } html)
        {
            return null;
        }

        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        return (html.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal), Policy(nonce));
    }

    /// <summary>The full path of an asset under the root, or null when it does not exist.</summary>
    public string? Asset(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(_root, relativePath));
        return path.StartsWith(Path.GetFullPath(_root), StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The SHA-256 of the empty string: one of Web Chat's libraries (react-scroll-to-bottom) creates an empty style element
    /// without the nonce and fills it through the CSSOM, which CSP does not govern; this hash allows that empty element only.
    /// </summary>
    public const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    /// <summary>
    /// script-src 'self' only (Web Chat's bundle is served from here, no inline script, no eval); styles from here plus the
    /// nonce Web Chat puts on the style elements it creates; connections to this host (and the configured Direct Line).
    /// </summary>
    public string Policy(string nonce) =>
        "default-src 'none'; script-src 'self'; "
        + $"style-src 'self' 'nonce-{nonce}' {EmptyStyleHash}; img-src 'self' data: blob:; font-src 'self' data:; media-src 'none'; "
        + $"connect-src {_connectSources}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

    private static string ConnectSources(Uri? domain)
    {
        if (domain is null)
        {
            return "'self'";
        }

        var origin = domain.GetLeftPart(UriPartial.Authority);
        var socket = (domain.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + domain.Authority;
        return $"'self' {origin} {socket}";
    }
}
