using System.Text.RegularExpressions;
using PhoneNumbers;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds phone numbers with libphonenumber: a pass with default region US, then a pass over other regions for international
/// forms. Numbers written with a leading + are findings on their own; other regions' national forms need context (phone, call, mobile).
/// Every number is validated by libphonenumber.
/// </summary>
public sealed class PhoneRecognizer : IRecognizer
{
    private const double UsScore = 0.75;
    private const double PlusScore = 0.75;
    private const double NationalScore = 0.4;
    private const double ContextBoost = 0.35;

    private static readonly string[] OtherRegions = ["GB", "DE", "FR", "IL", "IN", "BR", "JP", "CN", "AU", "ES", "IT", "MX", "NL", "IE"];
    private static readonly string[] ContextWords = ["phone", "call", "mobile", "cell", "number", "tel", "telephone", "contact", "reach", "whatsapp", "text me", "fax", "landline"];
    private static readonly string[] OtherNumberWords = ["social security", "ssn", "card", "account", "order", "routing", "iban", "passport", "licen"];

    /// <summary>Runs of digits with phone punctuation; libphonenumber reads each run.</summary>
    private static readonly Regex Candidate = RegexDefaults.Create(@"(?<![\w.])(?:\+|\(\s*)?\d[\d \t().\-/]{4,60}\d(?![\w])");

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <inheritdoc />
    public string Name => nameof(PhoneRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<(int, int), Finding>();
        foreach (var (offset, segment) in Segments(text))
        {
            Read(text, offset, segment, "US", found);
            foreach (var region in OtherRegions)
            {
                Read(text, offset, segment, region, found);
            }
        }

        return found.Values;
    }

    private static List<(int Offset, string Segment)> Segments(string text)
    {
        var list = new List<(int, string)>();
        try
        {
            for (var m = Candidate.Match(text); m.Success; m = m.NextMatch())
            {
                list.Add((m.Index, m.Value));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }

        return list;
    }

    private void Read(string text, int offset, string segment, string region, Dictionary<(int, int), Finding> found)
    {
        IEnumerable<PhoneNumberMatch> matches;
        try
        {
            matches = Util.FindNumbers(segment, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue).ToList();
        }
        catch (Exception ex) when (ex is NumberParseException or ArgumentException or InvalidOperationException)
        {
            return;
        }

        foreach (var match in matches)
        {
            var start = offset + match.Start;
            var end = start + match.Length;
            var key = (start, end);
            var plus = match.RawString.TrimStart().StartsWith('+');
            var isUs = region == "US" && !plus;
            string pattern;
            double baseScore;
            if (plus)
            {
                (pattern, baseScore) = ("international", PlusScore);
            }
            else if (isUs)
            {
                (pattern, baseScore) = ("national-us", UsScore);
            }
            else
            {
                if (ContextScanner.Find(text, start, end, OtherNumberWords, before: 40, after: 10).Count > 0)
                {
                    continue;
                }

                (pattern, baseScore) = ($"national-{region.ToLowerInvariant()}", NationalScore);
            }

            var words = ContextScanner.Find(text, start, end, ContextWords, before: 48, after: 16);
            var boost = words.Count > 0 ? Math.Min(ContextBoost, 1 - baseScore) : 0;
            var score = baseScore + boost;
            if (found.TryGetValue(key, out var existing) && existing.Score >= score)
            {
                continue;
            }

            var ruleId = plus ? "phone.international" : isUs ? "phone.us" : "phone.national";
            found[key] = new Finding(
                EntityType.Phone,
                start,
                end,
                text[start..end],
                score,
                ruleId,
                new FindingExplanation(Name, pattern, baseScore, $"libphonenumber:valid:{Util.GetRegionCodeForNumber(match.Number)}", boost, words.Count > 0 ? words : null));
        }
    }
}
