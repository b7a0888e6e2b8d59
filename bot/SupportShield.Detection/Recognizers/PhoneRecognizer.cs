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

    private const string Extension = @"(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?";

    /// <summary>Number shapes that libphonenumber may reject (unassigned area codes, reserved ranges) but that read as phone numbers.</summary>
    private static readonly (string Name, Regex Regex, double Score)[] Shapes =
    [
        ("nanp-shape", RegexDefaults.Create(@"(?<![\w+(.-])(?:\+?1[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)\s*|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}" + Extension + @"(?![\w-]|[.,]\d)", true), 0.6),
        ("plus-shape", RegexDefaults.Create(@"(?<![\w+])\+[1-9]\d{0,2}(?:[\s.-]?(?:\(0\))?[\s.-]?\(?\d{1,5}\)?){2,6}" + Extension + @"(?![\w-]|[.,]\d)", true), 0.55),
        ("digits-shape", RegexDefaults.Create(@"(?<![\w+.,-])\(?\d{2,4}\)?(?:[\s.-]\d{2,8}){1,4}" + Extension + @"(?![\w-]|[.,]\d)", true), 0.3),
    ];

    private static readonly Regex LooksLikeDate = RegexDefaults.Create(@"^(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)?\d{2})(?:[ T]\d{1,2}(?::\d{2}){0,2})?$");

    private static readonly string[] ShapeContextWords = ["phone", "call", "mobile", "cell", "tel", "telephone", "fax", "office", "registered", "messages", "text", "sms", "whatsapp", "number", "contact", "reach", "landline"];

    /// <inheritdoc />
    public string Name => nameof(PhoneRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<(int, int), Finding>();
        foreach (var (offset, segment) in Segments(text))
        {
            if (Read(text, offset, segment, "US", found))
            {
                continue;
            }

            // Other regions' national forms only count with context, so without context words the pass is skipped.
            if (segment[0] != '+' && ContextScanner.Find(text, offset, offset + segment.Length, ContextWords, before: 48, after: 16).Count > 0)
            {
                foreach (var region in OtherRegions)
                {
                    Read(text, offset, segment, region, found);
                }
            }
        }

        ReadShapes(text, found);
        return found.Values;
    }

    private void ReadShapes(string text, Dictionary<(int, int), Finding> found)
    {
        var known = found.Values.OrderBy(f => f.Start).ToList();
        foreach (var (name, regex, baseScore) in Shapes)
        {
            List<Match> matches = [];
            try
            {
                for (var m = regex.Match(text); m.Success; m = m.NextMatch())
                {
                    matches.Add(m);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Keep what was found.
            }

            foreach (var m in matches)
            {
                var digits = m.Value.Count(char.IsAsciiDigit);
                var start = m.Index;
                var end = m.Index + m.Length;
                if (digits is < 7 or > 15 || LooksLikeDate.IsMatch(m.Value) || ContextScanner.Find(text, start, end, OtherNumberWords, before: 40, after: 10).Count > 0)
                {
                    continue;
                }

                var words = ContextScanner.Find(text, start, end, ShapeContextWords, before: 48, after: 16);
                var boost = words.Count > 0 ? Math.Min(ContextBoost, 1 - baseScore) : 0;
                var score = baseScore + boost;
                if (OverlapsStronger(known, start, end, score))
                {
                    continue;
                }

                var shape = new Finding(
                    EntityType.Phone,
                    start,
                    end,
                    text[start..end],
                    score,
                    "phone.shape",
                    new FindingExplanation(Name, name, baseScore, null, boost, words.Count > 0 ? words : null));
                found[(start, end)] = shape;
                var at = known.FindLastIndex(f => f.Start <= start) + 1;
                known.Insert(at, shape);
            }
        }
    }

    /// <summary>True when a finding of at least <paramref name="score"/> overlaps the span; <paramref name="sorted"/> is ordered by start.</summary>
    private static bool OverlapsStronger(List<Finding> sorted, int start, int end, double score)
    {
        const int LongestPhone = 64;
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Start < start - LongestPhone)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < sorted.Count && sorted[i].Start < end; i++)
        {
            if (sorted[i].End > start && sorted[i].Score >= score)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>Reads numbers of one region in a segment; true when one number covers every digit of the segment.</summary>
    private bool Read(string text, int offset, string segment, string region, Dictionary<(int, int), Finding> found)
    {
        var covered = false;
        var segmentDigits = segment.Count(char.IsAsciiDigit);
        IEnumerable<PhoneNumberMatch> matches;
        try
        {
            matches = Util.FindNumbers(segment, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue).ToList();
        }
        catch (Exception ex) when (ex is NumberParseException or ArgumentException or InvalidOperationException)
        {
            return false;
        }

        foreach (var match in matches)
        {
            covered |= match.RawString.Count(char.IsAsciiDigit) == segmentDigits;
            var start = offset + match.Start;
            var end = start + match.Length;
            var key = (start, end);
            var plus = match.RawString.TrimStart().StartsWith('+');
            var isUs = region == "US" && !plus;
            if (LooksLikeDate.IsMatch(match.RawString)
                || (!plus && match.RawString.All(char.IsAsciiDigit) && ContextScanner.Find(text, start, end, OtherNumberWords, before: 40, after: 10).Count > 0))
            {
                continue;
            }

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

        return covered;
    }
}
