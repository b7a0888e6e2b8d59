using System.Buffers;
using System.Text.RegularExpressions;
using PhoneNumbers;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds phone numbers. Runs of digits and phone punctuation are cut into groups; the whole run, then shorter runs of groups, are
/// validated by libphonenumber: numbers written with a leading + are findings on their own, US numbers too, and other regions'
/// national forms need context (phone, call, mobile, office, fax, reach, ...). Number shapes that libphonenumber rejects still
/// count with context. Texts with fewer than seven digits are skipped without any work.
/// </summary>
public sealed class PhoneRecognizer : IRecognizer
{
    private const double UsScore = 0.75;
    private const double PlusScore = 0.75;
    private const double NationalScore = 0.4;
    private const double CountryCodeScore = 0.55;
    private const double ContextBoost = 0.35;

    /// <summary>No phone number has fewer digits.</summary>
    private const int MinDigits = 7;

    private const int MaxDigits = 15;

    /// <summary>Bounds the libphonenumber calls of one text, so that a text full of digit runs stays cheap.</summary>
    private const int ParseBudget = 24;

    private static readonly string[] OtherRegions = ["GB", "DE", "FR", "IL", "IN", "BR", "JP", "CN", "AU", "ES", "IT", "MX", "NL", "IE"];

    private static readonly string[] ContextWords =
        ["phone", "call", "mobile", "cell", "number", "tel", "telephone", "contact", "reach", "whatsapp", "text me", "fax", "landline", "answering", "dial", "ring me"];

    /// <summary>Labels that name a phone only right next to the number ("home: 020 ...", "085 175 7641-Office", "work 555 0100").</summary>
    private static readonly string[] LabelWords = ["home", "work", "office", "desk", "mob", "cel", "ph"];

    private static readonly string[] OtherNumberWords =
    [
        "social security", "ssn", "card", "account", "order", "routing", "iban", "passport", "licen", "tracking", "invoice", "reference",
        "receipt", "transaction", "serial", "ticket", "balance", "amount", "total", "price",
    ];

    private static readonly string[] ShapeContextWords =
    [
        "phone", "call", "mobile", "cell", "tel", "telephone", "fax", "registered", "messages", "text", "sms", "whatsapp", "number",
        "contact", "reach", "landline", "answering", "dial", "ring me",
    ];

    private static readonly SearchValues<string> ContextSearch = ContextScanner.Create(ContextWords);
    private static readonly SearchValues<string> LabelSearch = ContextScanner.Create(LabelWords);
    private static readonly SearchValues<string> OtherNumberSearch = ContextScanner.Create(OtherNumberWords);
    private static readonly SearchValues<string> ShapeContextSearch = ContextScanner.Create(ShapeContextWords);

    /// <summary>
    /// Runs of digits with phone punctuation; libphonenumber reads each run. A run may be glued to a lower-case word ("is415-555-0132"),
    /// but then only counts when it has separators.
    /// </summary>
    private static readonly Regex Candidate = RegexDefaults.Create(@"(?:(?<![\w.])|(?<=\p{Ll}))(?:\+|\(\s*)?\d[\d \t().\-/]{4,60}\d(?!\w)");

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly PhoneRegionScreen UsScreen = new(Util, "US");

    /// <summary>National significant number lengths and trunk prefix of each other region, to skip parses that cannot be valid.</summary>
    private static readonly (string Region, string Prefix, HashSet<int> Lengths, PhoneRegionScreen Screen)[] Regions =
        Array.ConvertAll(OtherRegions, r =>
        {
            var metadata = Util.GetMetadataForRegion(r);
            return (r, metadata.NationalPrefix ?? string.Empty, new HashSet<int>(metadata.GeneralDesc.PossibleLengthList), new PhoneRegionScreen(Util, r));
        });

    private const string Extension = @"(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?";

    /// <summary>After a number: no further word or digits, but a label glued with a hyphen ("-Office", "-Fax") is fine.</summary>
    private const string NumberEnd = @"(?!\w|-\d|[.,]\d)";

    /// <summary>The shape that starts with '+': a text without one is not searched for it.</summary>
    private const string PlusShape = "plus-shape";

    /// <summary>Number shapes that libphonenumber may reject (unassigned area codes, reserved ranges) but that read as phone numbers.</summary>
    private static readonly (string Name, Regex Regex, double Score)[] Shapes =
    [
        ("nanp-shape", RegexDefaults.Create(@"(?<![\w+(.-])(?:\+?1[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)\s*|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}" + Extension + NumberEnd, true), 0.6),
        (PlusShape, RegexDefaults.Create(@"(?<![\w+])\+[1-9]\d{0,2}(?:[\s.-]?(?:\(0\))?[\s.-]?\(?\d{1,5}\)?){2,6}" + Extension + NumberEnd, true), 0.55),
        ("digits-shape", RegexDefaults.Create(@"(?<![\w+.,-])\(?\d{2,4}\)?(?:[\s.-]\d{2,8}){1,4}" + Extension + NumberEnd, true), 0.3),
    ];

    private static readonly Regex LooksLikeDate = RegexDefaults.Create(@"^(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)?\d{2}|(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|[12]\d|3[01]) (?:19|20)\d{2})(?:[ T]\d{1,2}(?::\d{2}){0,2})?$");

    /// <inheritdoc />
    public string Name => nameof(PhoneRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TextScan.HasDigits(text, MinDigits))
        {
            return [];
        }

        var state = new State(text);
        foreach (var m in Candidate.EnumerateMatches(text))
        {
            ReadSegment(ref state, m.Index, m.Index + m.Length);
        }

        ReadShapes(ref state);
        return state.Found is null ? [] : state.Found.Values;
    }

    private struct State(string text)
    {
        public readonly string Text = text;
        public Dictionary<(int, int), Finding>? Found;
        public int Parses;
    }

    /// <summary>Reads the numbers of one run: the whole run first, then, left to right, the longest runs of its digit groups.</summary>
    private void ReadSegment(ref State state, int offset, int end)
    {
        var text = state.Text;
        Span<(int Start, int End)> groups = stackalloc (int, int)[24];
        var count = 0;
        for (var i = offset; i < end && count < groups.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < end && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            groups[count++] = (start, i);
        }

        if (count == 0)
        {
            return;
        }

        var glued = offset > 0 && char.IsLetter(text[offset - 1]);
        if (glued && count == 1)
        {
            return;
        }

        var total = Digits(groups, 0, count - 1);
        if (total <= MaxDigits + 2 && TryRange(ref state, groups, 0, count - 1, offset, glued, whole: true))
        {
            return;
        }

        if (TryCountryCode(ref state, groups[..count], offset, glued, total))
        {
            return;
        }

        var first = 0;
        while (first < count)
        {
            var next = first + 1;
            for (var last = count - 1; last >= first; last--)
            {
                if ((first == 0 && last == count - 1) || (glued && first == last))
                {
                    continue;
                }

                var digits = Digits(groups, first, last);
                if (digits is >= MinDigits and <= MaxDigits && !Bound(text, groups, first, last, count) && TryRange(ref state, groups, first, last, offset, glued, whole: false))
                {
                    next = last + 1;
                    break;
                }
            }

            first = next;
        }
    }

    /// <summary>True when a range of groups would cut a number written with a hyphen, dot or bracket between its groups ("074-7111234").</summary>
    private static bool Bound(string text, ReadOnlySpan<(int Start, int End)> groups, int first, int last, int count) =>
        (first > 0 && Tight(text, groups[first - 1].End, groups[first].Start)) || (last < count - 1 && Tight(text, groups[last].End, groups[last + 1].Start));

    private static bool Tight(string text, int from, int to) => text.AsSpan(from, to - from).IndexOfAny(' ', '\t') < 0;

    private static int Digits(ReadOnlySpan<(int Start, int End)> groups, int first, int last)
    {
        var digits = 0;
        for (var g = first; g <= last; g++)
        {
            digits += groups[g].End - groups[g].Start;
        }

        return digits;
    }

    /// <summary>Validates groups <paramref name="first"/> to <paramref name="last"/> of a run; true when they are a phone number.</summary>
    private bool TryRange(ref State state, ReadOnlySpan<(int Start, int End)> groups, int first, int last, int offset, bool glued, bool whole)
    {
        var text = state.Text;
        var start = first == 0 ? offset : groups[first].Start;
        if (first > 0 && text[start - 1] == '(')
        {
            start--;
        }

        var end = groups[last].End;
        var digits = Digits(groups, first, last);
        var plus = text[start] == '+';
        var separated = first != last;
        if (digits < MinDigits || (glued && !separated) || state.Parses >= ParseBudget)
        {
            return false;
        }

        var leading = text[groups[first].Start];
        var us = !plus && IsNanpShaped(text, groups, first, last, digits) && (whole || IsNanpGrouped(groups, first, last));
        var national = !plus && !glued && (whole || leading == '0');
        if (!plus && !us && !national)
        {
            return false;
        }

        var raw = text.AsSpan(start, end - start);
        if (AfterCurrency(text, start) || LooksLikeDate.IsMatch(raw))
        {
            return false;
        }

        var otherNumber = ContextScanner.Any(text, start, end, OtherNumberSearch, before: 40, after: 10);
        if (!plus && !separated && otherNumber)
        {
            return false;
        }

        Span<char> compact = stackalloc char[MaxDigits + 2];
        var n = 0;
        for (var g = first; g <= last; g++)
        {
            text.AsSpan(groups[g].Start, groups[g].End - groups[g].Start).CopyTo(compact[n..]);
            n += groups[g].End - groups[g].Start;
        }

        string value = text[start..end];
        if (plus || us)
        {
            var number = (plus ? PhoneRegionScreen.MayBeValidInternational(Util, compact[..n]) : UsScreen.MayBeValid(compact[..n])) ? Parse(ref state, value, "US") : Skip(ref state);
            if (number is not null)
            {
                Add(ref state, start, end, plus ? "international" : "national-us", plus ? PlusScore : UsScore, plus ? "phone.international" : "phone.us", number);
                return true;
            }

            if (plus)
            {
                return false;
            }
        }

        if (!national || otherNumber || !(ContextScanner.Any(text, start, end, ContextSearch, before: 48, after: 16) || HasLabel(text, start, end)))
        {
            return false;
        }

        foreach (var (region, prefix, lengths, screen) in Regions)
        {
            var trunk = prefix.Length > 0 && text.AsSpan(groups[first].Start).StartsWith(prefix, StringComparison.Ordinal);
            if (!lengths.Contains(digits) && !(trunk && lengths.Contains(digits - prefix.Length)))
            {
                continue;
            }

            var number = screen.MayBeValid(compact[..n]) ? Parse(ref state, value, region) : Skip(ref state);
            if (number is not null)
            {
                Add(ref state, start, end, $"national-{region.ToLowerInvariant()}", NationalScore, "phone.national", number);
                return true;
            }
        }

        return false;
    }

    /// <summary>An international number written without its + ("91-415-555-0132", "44 20 7946 0958"): a country code of 1 to 3 digits, then the number.</summary>
    private bool TryCountryCode(ref State state, ReadOnlySpan<(int Start, int End)> groups, int offset, bool glued, int total)
    {
        var text = state.Text;
        var code = groups[0].End - groups[0].Start;
        if (glued || groups.Length < 2 || groups[0].Start != offset || code > 3 || text[offset] == '0' || total is < 8 or > MaxDigits || state.Parses >= ParseBudget)
        {
            return false;
        }

        var end = groups[^1].End;
        if (AfterCurrency(text, offset) || LooksLikeDate.IsMatch(text.AsSpan(offset, end - offset))
            || ContextScanner.Any(text, offset, end, OtherNumberSearch, before: 40, after: 10))
        {
            return false;
        }

        Span<char> compact = stackalloc char[MaxDigits];
        var n = 0;
        foreach (var (from, to) in groups)
        {
            text.AsSpan(from, to - from).CopyTo(compact[n..]);
            n += to - from;
        }

        var number = PhoneRegionScreen.MayBeValidInternational(Util, compact[..n])
            ? Parse(ref state, string.Concat("+", text.AsSpan(offset, end - offset)), "ZZ")
            : Skip(ref state);
        if (number is null)
        {
            return false;
        }

        Add(ref state, offset, end, "international-no-plus", CountryCodeScore, "phone.international", number);
        return true;
    }

    /// <summary>Ten digits, or eleven after a leading 1, with area code and exchange starting 2 to 9.</summary>
    private static bool IsNanpShaped(string text, ReadOnlySpan<(int Start, int End)> groups, int first, int last, int digits)
    {
        if (digits is not (10 or 11))
        {
            return false;
        }

        Span<char> compact = stackalloc char[11];
        var n = 0;
        for (var g = first; g <= last; g++)
        {
            foreach (var c in text.AsSpan(groups[g].Start, groups[g].End - groups[g].Start))
            {
                compact[n++] = c;
            }
        }

        var at = 0;
        if (n == 11)
        {
            if (compact[0] != '1')
            {
                return false;
            }

            at = 1;
        }

        return compact[at] >= '2' && compact[at + 3] >= '2';
    }

    /// <summary>
    /// True for the usual groupings of a US number (3-3-4, 1-3-3-4, 3-7, 10 digits), so that a run of groups cut out of a longer
    /// number (a card or account written in fours) is not read as one.
    /// </summary>
    private static bool IsNanpGrouped(ReadOnlySpan<(int Start, int End)> groups, int first, int last)
    {
        Span<int> lengths = stackalloc int[4];
        var n = last - first + 1;
        if (n > 4)
        {
            return false;
        }

        for (var g = 0; g < n; g++)
        {
            lengths[g] = groups[first + g].End - groups[first + g].Start;
        }

        var shape = lengths[..n];
        return shape.SequenceEqual([3, 3, 4]) || shape.SequenceEqual([1, 3, 3, 4]) || shape.SequenceEqual([3, 7]) || shape.SequenceEqual([10])
            || shape.SequenceEqual([1, 10]);
    }

    /// <summary>A parse the screen showed cannot succeed: counted all the same, so that the budget, and with it every later finding, is what it was.</summary>
    private static PhoneNumber? Skip(ref State state)
    {
        state.Parses++;
        return null;
    }

    private static PhoneNumber? Parse(ref State state, string value, string region)
    {
        state.Parses++;
        try
        {
            var number = Util.Parse(value, region);
            return Util.IsValidNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private void Add(ref State state, int start, int end, string pattern, double baseScore, string ruleId, PhoneNumber number)
    {
        var text = state.Text;
        var words = Words(text, start, end, ContextWords);
        var boost = words.Count > 0 ? Math.Min(ContextBoost, 1 - baseScore) : 0;
        var score = baseScore + boost;
        var found = state.Found ??= [];
        if (found.TryGetValue((start, end), out var existing) && existing.Score >= score)
        {
            return;
        }

        found[(start, end)] = new Finding(
            EntityType.Phone,
            start,
            end,
            text[start..end],
            score,
            ruleId,
            new FindingExplanation(Name, pattern, baseScore, $"libphonenumber:valid:{Util.GetRegionCodeForNumber(number)}", boost, words.Count > 0 ? words : null));
    }

    private void ReadShapes(ref State state)
    {
        var text = state.Text;
        List<Finding>? known = null;
        if (state.Found is { Count: > 0 } found)
        {
            known = [.. found.Values];
            known.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        // The plus shape needs a '+': a text without one is not searched for it.
        var hasPlus = text.Contains('+', StringComparison.Ordinal);
        foreach (var (name, regex, baseScore) in Shapes)
        {
            if (!hasPlus && name == PlusShape)
            {
                continue;
            }

            foreach (var m in regex.EnumerateMatches(text))
            {
                ReadShape(ref state, ref known, name, m.Index, m.Index + m.Length, baseScore);
            }
        }
    }

    private void ReadShape(ref State state, ref List<Finding>? known, string name, int start, int end, double baseScore)
    {
        var text = state.Text;
        var raw = text.AsSpan(start, end - start);
        var digits = 0;
        foreach (var c in raw)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (digits is < MinDigits or > MaxDigits || AfterCurrency(text, start) || LooksLikeDate.IsMatch(raw) || ContextScanner.Any(text, start, end, OtherNumberSearch, before: 40, after: 10))
        {
            return;
        }

        var context = ContextScanner.Any(text, start, end, ShapeContextSearch, before: 48, after: 16) || HasLabel(text, start, end);
        var boost = context ? Math.Min(ContextBoost, 1 - baseScore) : 0;
        var score = baseScore + boost;
        if (known is not null && OverlapsStronger(known, start, end, score))
        {
            return;
        }

        var words = context ? Words(text, start, end, ShapeContextWords) : null;
        var shape = new Finding(
            EntityType.Phone,
            start,
            end,
            text[start..end],
            score,
            "phone.shape",
            new FindingExplanation(Name, name, baseScore, null, boost, words is { Count: > 0 } ? words : null));
        (state.Found ??= [])[(start, end)] = shape;
        known ??= [];
        var at = known.FindLastIndex(f => f.Start <= start) + 1;
        known.Insert(at, shape);
    }

    private static bool HasLabel(string text, int start, int end) => ContextScanner.Any(text, start, end, LabelSearch, before: 12, after: 10);

    /// <summary>The context words and labels near a number, for the explanation.</summary>
    private static IReadOnlyList<string> Words(string text, int start, int end, string[] contextWords)
    {
        var words = ContextScanner.Find(text, start, end, contextWords, before: 48, after: 16);
        var labels = ContextScanner.Find(text, start, end, LabelWords, before: 12, after: 10);
        return labels.Count == 0 ? words : words.Count == 0 ? labels : [.. words, .. labels];
    }

    /// <summary>True when a currency sign stands right before the number, so it is an amount.</summary>
    private static bool AfterCurrency(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.CurrencySymbol;
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
}
