using System.Net;
using System.Net.Sockets;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>Finds IPv4 and IPv6 addresses, each checked with <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>.</summary>
public sealed class IpAddressRecognizer : PatternRecognizer
{
    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("ipv4", RegexDefaults.Create(@"(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w:]|\.\w)"), 0.6, "ip.v4") { MayMatch = static t => t.AsSpan().Count('.') >= 3 },
        new("ipv6", RegexDefaults.Create(@"(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]+(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?:%[A-Za-z0-9]+)?(?![\w:]|\.\d)"), 0.6, "ip.v6") { MayMatch = static t => TextScan.HasTwo(t, ':') },
    ];

    public IpAddressRecognizer()
        : base(EntityType.IpAddress, DefaultPatterns, ["ip", "address", "connecting", "server", "host"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => text.AsSpan().IndexOfAny('.', ':') >= 0;

    /// <inheritdoc />
    protected override PatternValidation? Validate(string value, RecognizerPattern pattern)
    {
        var address = value;
        var scope = address.IndexOf('%', StringComparison.Ordinal);
        if (scope >= 0)
        {
            address = address[..scope];
        }

        if (!IPAddress.TryParse(address, out var parsed))
        {
            return PatternValidation.Fail("ip:invalid");
        }

        if (parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            // TryParse accepts short forms such as "1.2.3"; require four decimal octets of at most 255.
            var parts = address.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length > 1 && p[0] == '0' && p.Length > 3) || parts.Any(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
            {
                return PatternValidation.Fail("ip:invalid");
            }

            return new PatternValidation(true, "ipv4:valid", 0.85);
        }

        return address.Count(c => c == ':') >= 2
            ? new PatternValidation(true, "ipv6:valid", 0.85)
            : PatternValidation.Fail("ip:invalid");
    }
}
