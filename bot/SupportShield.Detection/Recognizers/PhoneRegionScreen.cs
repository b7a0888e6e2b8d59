using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// A cheap test that libphonenumber cannot find a number valid, so that its parse and validation (microseconds each, and mostly
/// spent on numbers that fail) run only when they may succeed. A valid number has a type, so its national significant number (the
/// digits, or the digits after the national prefix libphonenumber strips or rewrites) matches a type pattern (fixed line, mobile,
/// toll free, ...) of a region sharing its country code. Digits that libphonenumber may read otherwise (a leading international
/// dialling prefix) go to the real parse.
/// </summary>
internal sealed class PhoneRegionScreen
{
    /// <summary>Screens of the country codes met after a +, built on first use from the (fixed) metadata.</summary>
    private static readonly ConcurrentDictionary<int, PhoneRegionScreen> ByCode = new();

    private readonly Regex? typed;
    private readonly bool[] lengths = new bool[20];
    private readonly Regex? internationalPrefix;
    private readonly bool alwaysParse;
    private readonly Regex? prefixForParsing;
    private readonly string? transformRule;
    private readonly bool anySuffix;
    private readonly string countryCode;

    public PhoneRegionScreen(PhoneNumberUtil util, string region)
    {
        var metadata = util.GetMetadataForRegion(region);
        var shared = util.GetRegionCodesForCountryCode(metadata.CountryCode);
        countryCode = metadata.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var types = new List<string>();
        foreach (var code in shared)
        {
            var regional = util.GetMetadataForRegion(code);
            foreach (var length in regional.GeneralDesc.PossibleLengthList)
            {
                if (length < lengths.Length)
                {
                    lengths[length] = true;
                }
            }

            // A valid number has a type, so it matches one of the type patterns (each a subset of the general pattern).
            foreach (var desc in (PhoneNumberDesc[])[regional.FixedLine, regional.Mobile, regional.TollFree, regional.PremiumRate, regional.SharedCost,
                regional.PersonalNumber, regional.Voip, regional.Pager, regional.Uan, regional.Voicemail])
            {
                if (desc is not null && !string.IsNullOrEmpty(desc.NationalNumberPattern))
                {
                    types.Add("(?:" + desc.NationalNumberPattern + ")");
                }
            }
        }

        typed = types.Count == 0 ? null : RegexDefaults.Create("^(?:" + string.Join('|', types) + ")$");

        internationalPrefix = string.IsNullOrEmpty(metadata.InternationalPrefix) ? null : RegexDefaults.Create("^(?:" + metadata.InternationalPrefix + ")");
        alwaysParse = typed is null;
        if (!string.IsNullOrEmpty(metadata.NationalPrefixForParsing))
        {
            prefixForParsing = RegexDefaults.Create("^(?:" + metadata.NationalPrefixForParsing + ")");
            transformRule = string.IsNullOrEmpty(metadata.NationalPrefixTransformRule) ? null : metadata.NationalPrefixTransformRule;
        }
        else
        {
            // Not expected in the metadata (the prefix for parsing defaults to the national prefix); read every suffix to be safe.
            anySuffix = !string.IsNullOrEmpty(metadata.NationalPrefix);
        }
    }

    /// <summary>False only when no parse of a national number with these digits (in order) in this region can be valid.</summary>
    public bool MayBeValid(ReadOnlySpan<char> digits)
    {
        if (alwaysParse)
        {
            return true;
        }

        // libphonenumber reads a leading international dialling prefix as one, unless a 0 follows it.
        if (internationalPrefix is not null)
        {
            foreach (var match in internationalPrefix.EnumerateMatches(digits))
            {
                var after = match.Index + match.Length;
                if (after >= digits.Length || digits[after] != '0')
                {
                    return true;
                }

                break;
            }
        }

        // Digits that start with the region's own country code may be read as country code and number ("49 30 ...").
        return MayBeValidSignificant(digits, 1) || (digits.StartsWith(countryCode, StringComparison.Ordinal) && MayBeValidSignificant(digits[countryCode.Length..], 2));
    }

    /// <summary>
    /// False only when no parse of a number written with a leading + and these digits (country code first) can be valid: the country
    /// code is read as libphonenumber reads it, and the rest screened by that code's regions.
    /// </summary>
    public static bool MayBeValidInternational(PhoneNumberUtil util, ReadOnlySpan<char> digits)
    {
        if (digits.Length == 0 || digits[0] == '0')
        {
            return false;
        }

        var code = 0;
        for (var i = 0; i < 3 && i < digits.Length; i++)
        {
            code = (code * 10) + (digits[i] - '0');
            var region = util.GetRegionCodeForCountryCode(code);
            if (region == "ZZ")
            {
                continue;
            }

            return region == "001" || ByCode.GetOrAdd(code, static (c, u) => new PhoneRegionScreen(u, u.GetRegionCodeForCountryCode(c)), util).MayBeValidSignificant(digits[(i + 1)..], 1);
        }

        return false;
    }

    /// <summary>
    /// The national significant number libphonenumber can make of the digits is the digits themselves, or the digits without the
    /// leading national prefix (and carrier code) that the region's prefix-for-parsing pattern matches, or that prefix rewritten;
    /// libphonenumber strips up to <paramref name="strips"/> times (twice after a leading country code without +).
    /// </summary>
    private bool MayBeValidSignificant(ReadOnlySpan<char> digits, int strips)
    {
        if (alwaysParse || Typed(digits))
        {
            return true;
        }

        if (strips == 0)
        {
            return false;
        }

        if (anySuffix)
        {
            for (var k = 1; k < digits.Length; k++)
            {
                if (MayBeValidSignificant(digits[k..], strips - 1))
                {
                    return true;
                }
            }

            return false;
        }

        if (prefixForParsing is null)
        {
            return false;
        }

        var input = digits.ToString();
        var match = prefixForParsing.Match(input);
        if (!match.Success)
        {
            return false;
        }

        if (MayBeValidSignificant(input.AsSpan(match.Length), strips - 1))
        {
            return true;
        }

        return transformRule is not null && match.Groups[match.Groups.Count - 1].Success
            && MayBeValidSignificant(string.Concat(match.Result(transformRule), input.AsSpan(match.Length)), strips - 1);
    }

    private bool Typed(ReadOnlySpan<char> digits) => digits.Length < lengths.Length && lengths[digits.Length] && typed!.IsMatch(digits);
}
