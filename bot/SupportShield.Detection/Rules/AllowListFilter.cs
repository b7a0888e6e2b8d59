using System.Text;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Rules;

/// <summary>
/// Drops findings of values on the rules file's <c>allow</c> list: the company's own phone numbers (by digits, so any
/// formatting and an added or dropped country code match), its addresses (case, punctuation and street-word
/// abbreviations aside; a finding that is the start of a listed address matches), its email domains and exact strings.
/// </summary>
public sealed class AllowListFilter : IFindingFilter
{
    private static readonly Dictionary<string, string> StreetWords = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd", ["boulevard"] = "blvd", ["drive"] = "dr",
        ["lane"] = "ln", ["court"] = "ct", ["place"] = "pl", ["square"] = "sq", ["highway"] = "hwy", ["parkway"] = "pkwy",
        ["suite"] = "ste", ["apartment"] = "apt", ["floor"] = "fl", ["building"] = "bldg", ["north"] = "n", ["south"] = "s",
        ["east"] = "e", ["west"] = "w", ["terrace"] = "ter", ["circle"] = "cir", ["number"] = "no",
    };

    private readonly string[] _phones;
    private readonly string[] _addresses;
    private readonly string[] _domains;
    private readonly HashSet<string> _exact;

    public AllowListFilter(AllowRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _phones = rules.Phones.Select(p => PhoneKey(p)).Where(p => p.Length >= 5).ToArray();
        _addresses = rules.Addresses.Select(NormalizeAddress).Where(a => a.Length > 0).ToArray();
        _domains = rules.EmailDomains.Select(d => d.Trim().TrimStart('@').Trim().ToUpperInvariant()).Where(d => d.Length > 0).ToArray();
        _exact = new HashSet<string>(rules.Exact.Select(e => e.Trim()).Where(e => e.Length > 0), StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public bool Keep(Finding finding, string text)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (_exact.Count > 0 && _exact.Contains(finding.Value.Trim()))
        {
            return false;
        }

        return finding.Type switch
        {
            EntityType.Phone => !IsAllowedPhone(finding.Value),
            EntityType.Email => !IsAllowedEmail(finding.Value),
            EntityType.Address => !IsAllowedAddress(finding.Value),
            _ => true,
        };
    }

    private bool IsAllowedPhone(string value)
    {
        if (_phones.Length == 0)
        {
            return false;
        }

        var key = PhoneKey(value);
        foreach (var phone in _phones)
        {
            if (SamePhone(key, phone))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equal digits, or one is the other with a country code of at most three digits in front.</summary>
    private static bool SamePhone(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        return b.Length >= 7 && a.Length - b.Length <= 3 && a.EndsWith(b, StringComparison.Ordinal);
    }

    /// <summary>The digits without leading zeros, so an international prefix (00) and a trunk zero do not count.</summary>
    private static string PhoneKey(string value) => Checksums.DigitsOf(value).TrimStart('0');

    private bool IsAllowedEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (_domains.Length == 0 || at < 0)
        {
            return false;
        }

        var domain = value[(at + 1)..].Trim().TrimEnd('.').ToUpperInvariant();
        foreach (var allowed in _domains)
        {
            if (domain == allowed || (domain.EndsWith(allowed, StringComparison.Ordinal) && domain[^(allowed.Length + 1)] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsAllowedAddress(string value)
    {
        if (_addresses.Length == 0)
        {
            return false;
        }

        var key = NormalizeAddress(value);
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var address in _addresses)
        {
            // A finding often covers only the street line of a listed full address.
            if (address == key || (address.StartsWith(key, StringComparison.Ordinal) && address[key.Length] == ' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case words of letters and digits, street words abbreviated, separated by one space.</summary>
    internal static string NormalizeAddress(string value)
    {
        var builder = new StringBuilder(value.Length);
        var word = new StringBuilder();
        foreach (var c in value.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                var text = word.ToString();
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(StreetWords.TryGetValue(text, out var abbreviation) ? abbreviation : text);
                word.Clear();
            }
        }

        return builder.ToString();
    }
}
