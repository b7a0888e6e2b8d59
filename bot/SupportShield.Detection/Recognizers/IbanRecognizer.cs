using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds IBANs: country code, two check digits and the BBAN, compact or grouped with spaces or dashes, in any case.
/// A candidate is a finding only when its length fits the country's IBAN length and it passes ISO 7064 mod 97-10.
/// </summary>
public sealed class IbanRecognizer : IRecognizer
{
    private const double ValidScore = 1.0;

    /// <summary>IBAN length per country (SWIFT IBAN registry, including the partial-member countries).</summary>
    internal static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27,
        ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28,
        ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22,
        ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23,
        ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Country, check digits, then up to 34 characters with at most one space or dash between them; cut to length later.</summary>
    private static readonly Regex Candidate =
        RegexDefaults.Create(@"(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){10,32}");

    /// <summary>True when two ASCII letters are followed by two digits, as every <see cref="Candidate"/> starts; false rules it out.</summary>
    private static bool HasCountryAndCheckDigits(string text)
    {
        for (var i = 0; i + 3 < text.Length; i++)
        {
            if (char.IsDigit(text[i + 2]) && char.IsDigit(text[i + 3]) && char.IsAsciiLetter(text[i]) && char.IsAsciiLetter(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ContextWords = ["iban", "bank", "transfer", "wire", "account", "sepa"];

    /// <inheritdoc />
    public string Name => nameof(IbanRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 15 || !TextScan.HasDigits(text, 2) || !HasCountryAndCheckDigits(text))
        {
            return [];
        }

        List<Finding>? findings = null;

        for (var m = Candidate.Match(text); m.Success; m = m.NextMatch())
        {
            var end = ValidEnd(text, m.Index, m.Index + m.Length);
            if (end < 0)
            {
                continue;
            }

            var words = ContextScanner.Find(text, m.Index, end, ContextWords);
            (findings ??= []).Add(new Finding(
                EntityType.Iban,
                m.Index,
                end,
                text[m.Index..end],
                ValidScore,
                "iban.mod97",
                new FindingExplanation(Name, "iban", ValidScore, "length:pass;mod97:pass", 0, words.Count > 0 ? words : null)));
        }

        return findings ?? (IEnumerable<Finding>)[];
    }

    /// <summary>True when <paramref name="value"/> (separators allowed) is a valid IBAN of its country's length.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 4 && ValidEnd(value, 0, value.Length) == value.Length;
    }

    /// <summary>End offset of the valid IBAN that starts at <paramref name="start"/>, or -1.</summary>
    private static int ValidEnd(string text, int start, int limit)
    {
        Span<char> country = [char.ToUpperInvariant(text[start]), char.ToUpperInvariant(text[start + 1])];
        if (!Lengths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(country, out var length))
        {
            return -1;
        }

        // Walk the alphanumerics up to the country's length; the IBAN must end there, at a word boundary.
        Span<char> compact = stackalloc char[34];
        var count = 0;
        var i = start;
        for (; i < limit && count < length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact[count++] = char.ToUpperInvariant(c);
            }
        }

        if (count != length || (i < text.Length && char.IsLetterOrDigit(text[i])) || !PassesMod97(compact[..count]))
        {
            return -1;
        }

        return i;
    }

    /// <summary>ISO 7064 mod 97-10 over the rearranged IBAN (first four characters moved to the end, letters as 10–35).</summary>
    internal static bool PassesMod97(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        for (var k = 0; k < iban.Length; k++)
        {
            var c = iban[(k + 4) % iban.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
