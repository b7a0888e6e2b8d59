using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds street addresses: US and UK forms ("742 Evergreen Terrace", "1600 Pennsylvania Ave NW", "10 Downing Street"),
/// continental forms ("Hersnapvej 75", "Rue de Virton 38"), PO boxes and military addresses. A contiguous run of street, unit,
/// city, region, postcode and country pieces is merged into one span.
/// </summary>
public sealed class AddressRecognizer : IRecognizer
{
    private const double StreetScore = 0.7;
    private const double PieceBonus = 0.1;
    private const double ContextBoost = 0.15;

    private const string StrongSuffix =
        "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|terrace|ter|terr|court|ct|place|pl|parkway|pkwy|highway|hwy|way|circle|cir|crescent|cres|close|square|sq|trail|trl|plaza|alley|expressway|expy|freeway|fwy|turnpike|tpke|route|rte";

    private const string WeakSuffix =
        "Grove|Gardens|Gdns|Park|Row|Mews|Hill|Hills|Walk|Loop|Run|Pike|Path|Point|Crossing|Heights|Green|Greens|Rise|View|Vista|Ridge|Harbor|Harbour|Rapids|Pass|Extension|Extensions|Junction|Landing|Meadow|Meadows|Commons|Center|Centre|Causeway|Embankment|Wharf|Quay|Parade|Esplanade|Broadway|Creek|Cliffs|Cliff|Radial|Estate|Estates|Village|Valley|Springs|Station|Manor|Shore|Shores|Glen|Falls|Ford|Forge|Island|Isle|Knoll|Lake|Lakes|Mill|Mills|Mount|Mountain|Oval|Orchard|Pines|Port|Prairie|Ranch|Spur|Summit|Trace|Track|Tunnel|Cove|Bridge|Brook|Canyon|Cape|Corner|Curve|Dale|Field|Fields|Flat|Flats|Garden|Gateway|Haven|Hollow|Inlet|Lodge|Motorway|Plain|Plains|Spring|Stream|Viaduct|Wall|Ways|Wells|Fort|Locks|Light|Lights|Keys|Ville|Stravenue|Unions|Vale|Bypass|Burgs|Squares|Passage|Underpass|Overpass";

    private const string ContinentalStreet =
        @"[\p{Lu}][\p{L}-]*(?:straße|strasse|str\.|gasse|weg|vej|vägen|gatan|gata|laan|straat|plein|platz|allee|veien|kuja|katu|tie|gade|hove|wei|weg|steig|ring|damm|ufer)|(?:Rue|Rua|Via|Calle|Avenida|Piazza|Plaza|Strada|Viale|Carrer|Avinguda|ul\.|Rúa|Rua|Largo|Travessa|Paseo|Boulevard)\s+(?:[\p{L}'’.]+\s+){0,3}?";

    private const string Separator = @"[ \t]*(?:[,>][ \t>]*)?(?:\r?\n[ \t>]*(?:,[ \t]*)?){0,2}";

    private const string States =
        "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|England|Scotland|Wales|Northern Ireland|Ontario|Quebec|British Columbia|Alberta|Victoria|New South Wales|Queensland";

    private const string Countries =
        "USA|U\\.S\\.A\\.|United States(?: of America)?|UK|U\\.K\\.|United Kingdom|Great Britain|Canada|Australia|New Zealand|Ireland|Germany|France|Spain|Portugal|Italy|Netherlands|Belgium|Luxembourg|Switzerland|Austria|Denmark|Norway|Sweden|Finland|Iceland|Poland|Czech Republic|Czechia|Czech|Slovakia|Hungary|Slovenia|Croatia|Serbia|Romania|Bulgaria|Greece|Cyprus|Turkey|Israel|India|China|Japan|Korea|Brazil|Argentina|Uruguay|Chile|Mexico|South Africa|Estonia|Latvia|Lithuania|Ukraine|Russia|Philippines|Singapore|Malaysia|Indonesia|Colombia|Peru";

    private static readonly Regex[] Streets =
    [
        RegexDefaults.Create(@"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,5})?(?:\s+\d{1,5})?,?\s+(?:(?:[NSEW]|North|South|East|West|N\.[EW]\.|S\.[EW]\.)\.?\s+)?(?<name>(?:[\p{L}\d][\p{L}\d'’.-]*\s+){1,4}?)(?:" + StrongSuffix + @")\b\.?(?:\s+(?-i:NW|NE|SW|SE|N|S|E|W)\b\.?)?", true),
        RegexDefaults.Create(@"(?<![\w-])\d{1,6}[A-Za-z]?(?:-\d{1,5})?(?:\s+\d{1,5})?\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?<name>(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}?)(?:" + WeakSuffix + @")\b"),
        RegexDefaults.Create(@"(?<![\w-])(?:\d{1,6}\s+)?(?:" + ContinentalStreet + @")\s*\d{1,5}[a-z]?\b\.?"),
        RegexDefaults.Create(@"(?<![\w-])(?:(?:PSC|Unit)\s+\d{3,5},?\s+Box\s+\d{3,5}|(?:USNS|USS|USCGC)\s+[\p{L}-]+)" + Separator + @"(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b", true),
        RegexDefaults.Create(@"(?<![\w-])(?:\d{1,6}\s+)?P\.?\s?O\.?\s+Box\s+\d{1,6}\b", true),
        RegexDefaults.Create(@"(?<![\w-])(?:\d{1,6}\s+)?\p{Lu}[\p{L}-]+\s+(?:Strasse|Straße|Str\.|Weg|Gasse|Platz|Allee|Gate|gate|vegen|veien|tér|út|u\.|utca|ulica|Vej|vej|Straat|straat|Laan|laan)\s*\d{1,5}[a-z]?\b\.?"),
        // House number, street name, house number ("692 Kuuse 53"): only counted when a unit, city or postcode follows.
        RegexDefaults.Create(@"(?<![\w-])\d{1,6}\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{L}[\p{L}'’-]*){0,2}\s+\d{1,5}\b\.?"),
    ];

    // Pre-checks: the words each street pattern needs, so a pattern runs only on a text that could hold a match.
    private static readonly HashSet<string> StrongSuffixes = new(StrongSuffix.Split('|'), StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> WeakSuffixes = new(WeakSuffix.Split('|'), StringComparer.Ordinal);
    private static readonly string[] ContinentalSuffixes =
        ["straße", "strasse", "str.", "gasse", "weg", "vej", "vägen", "gatan", "gata", "laan", "straat", "plein", "platz", "allee", "veien", "kuja", "katu", "tie", "gade", "hove", "wei", "steig", "ring", "damm", "ufer"];

    private static readonly SearchValues<string> ContinentalPrefixes = SearchValues.Create(
        ["Rue", "Rua", "Via", "Calle", "Avenida", "Piazza", "Plaza", "Strada", "Viale", "Carrer", "Avinguda", "ul.", "Rúa", "Largo", "Travessa", "Paseo", "Boulevard"],
        StringComparison.Ordinal);

    private static readonly HashSet<string> ContinentalWords = new(
        ["Strasse", "Straße", "Str.", "Weg", "Gasse", "Platz", "Allee", "Gate", "gate", "vegen", "veien", "tér", "út", "u.", "utca", "ulica", "Vej", "vej", "Straat", "straat", "Laan", "laan"],
        StringComparer.Ordinal);

    // The same sets for the per-word look-ups of every message: a frozen set hashes a short word faster than a hash set.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StrongLookup =
        StrongSuffixes.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakLookup =
        WeakSuffixes.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContinentalLookup =
        ContinentalWords.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Most words of a message are not street words: their length or first letter rules them out without hashing.
    private static readonly WordShapes StrongShapes = new(StrongSuffixes, ignoreCase: true);
    private static readonly WordShapes WeakShapes = new(WeakSuffixes, ignoreCase: false);

    // The last characters of the continental street words and suffixes (compared ordinally): a word before a number that ends
    // otherwise is neither.
    private static readonly SearchValues<char> ContinentalEnds = SearchValues.Create(
        [.. ContinentalWords.Concat(ContinentalSuffixes).Select(w => w[^1]).Distinct()]);

    // The continental suffixes by their last character: a token can only end with the few that end as it does.
    private static readonly FrozenDictionary<char, string[]> ContinentalSuffixesByLastCharacter =
        ContinentalSuffixes.GroupBy(s => s[^1]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    // The words the military and PO box patterns cannot match without (both case-insensitive).
    private static readonly SearchValues<string> MilitaryWords = SearchValues.Create(["APO", "FPO", "DPO"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> BoxWords = SearchValues.Create(["Box"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Index of the street pattern that needs at least one further piece.</summary>
    private const int NeedsTailPattern = 6;

    private static readonly Regex[] Tails =
    [
        // Unit, apartment or suite.
        RegexDefaults.Create(@"\G" + Separator + @"(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building|#)\.?\s*(?:no\.?\s*)?#?\s*[\w-]{1,6}\b", true),
        // City, region (state or country) and optional postcode: "Washington, DC 20500", "Newark, MI 85971", "Springfield, OR".
        RegexDefaults.Create(@"\G" + Separator + @"(?:\p{L}[\p{L}'’.-]*(?:[ -]\p{L}[\p{L}'’.-]*){0,4})\s*,?\s*(?:(?-i:[A-Z]{2})|" + States + "|" + Countries + @")\b\.?(?:\s*,?\s*(?:\d{5}(?:-\d{4})?|\d{4}|" + ZipRecognizer.UkPostcode + @"))?(?![\w-])", true),
        // City and UK postcode: "London SW1A 2AA".
        RegexDefaults.Create(@"\G" + Separator + @"(?:\p{L}[\p{L}'’.-]*(?:[ -]\p{L}[\p{L}'’.-]*){0,3})\s*,?\s*(?-i:" + ZipRecognizer.UkPostcode + @")(?![\w-])", true),
        // Region and postcode: "DC 20500", "OR 97401".
        RegexDefaults.Create(@"\G" + Separator + @"(?:(?-i:[A-Z]{2})|" + States + @")\s+\d{5}(?:-\d{4})?(?![\w-])", true),
        // Postcode or country alone.
        RegexDefaults.Create(@"\G" + Separator + @"(?:\d{5}(?:-\d{4})?|(?-i:" + ZipRecognizer.UkPostcode + ")|" + Countries + @")(?![\w-])", true),
        // A city alone on its own line, or before a comma and a further piece.
        RegexDefaults.Create(@"\G[ \t,>]*\r?\n[ \t>]*\p{L}[\p{L}'’. -]{1,40}?[ \t]*(?=\r?\n|,|$)", true),
        RegexDefaults.Create(@"\G[ \t]*,[ \t]*\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*){0,3}(?=\s*(?:,|\r?\n|$))", false),
    ];

    private static readonly HashSet<string> NotStreetWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "my", "your", "our", "their", "minute", "minutes", "min",
        "mins", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "more", "less", "i", "you",
        "we", "they", "it", "is", "was", "are", "were", "be", "have", "has", "had", "miles", "mile", "km", "blocks", "block", "cars", "items",
        "people", "kids", "one", "two", "three", "four", "five", "than", "by", "from", "as", "test", "will", "would", "can", "could", "not",
        "no", "yes", "if", "so", "but", "about", "like", "last", "first", "next", "other", "this", "that", "these", "those", "am", "pm",
    };

    private static readonly string[] ContextWords = ["address", "live", "living", "lives", "ship", "shipping", "deliver", "delivery", "moved", "mail", "billing", "residence", "street"];

    /// <inheritdoc />
    public string Name => nameof(AddressRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Every street form holds a house number, box number or postcode.
        if (!TextScan.HasDigits(text, 1))
        {
            return [];
        }

        List<Finding>? findings = null;
        var coveredUntil = -1;
        var cores = StreetCores(text);
        if (cores is null)
        {
            return [];
        }

        foreach (var (start, end, pattern) in cores)
        {
            if (start < coveredUntil)
            {
                continue;
            }

            var (stop, pieces) = Extend(text, end);
            if (pattern == NeedsTailPattern && pieces == 0)
            {
                continue;
            }

            var words = ContextScanner.Find(text, start, stop, ContextWords, before: 48, after: 8);
            var baseScore = StreetScore + Math.Min(2, pieces) * PieceBonus;
            var boost = words.Count > 0 ? Math.Min(ContextBoost, 1 - baseScore) : 0;
            var ruleId = pattern switch
            {
                0 => "address.us-street",
                1 => "address.street",
                2 => "address.continental-street",
                3 => "address.military",
                4 => "address.po-box",
                5 => "address.continental-street",
                _ => "address.number-street-number",
            };
            (findings ??= []).Add(new Finding(
                EntityType.Address,
                start,
                stop,
                text[start..stop],
                baseScore + boost,
                ruleId,
                new FindingExplanation(Name, pieces > 0 ? $"street+{pieces}-pieces" : "street", StreetScore, null, boost, words.Count > 0 ? words : null)));
            coveredUntil = stop;
        }

        return findings ?? (IEnumerable<Finding>)[];
    }

    private static List<(int Start, int End, int Pattern)>? StreetCores(string text)
    {
        List<(int Start, int End, int Pattern)>? cores = null;
        var candidates = CandidatePatterns(text);
        for (var p = 0; p < Streets.Length; p++)
        {
            if ((candidates & (1 << p)) == 0)
            {
                continue;
            }

            for (var m = Streets[p].Match(text); m.Success; m = m.NextMatch())
            {
                var name = m.Groups["name"];
                if (name.Success && HasNotStreetWord(text.AsSpan(name.Index, name.Length)))
                {
                    continue;
                }

                (cores ??= []).Add((m.Index, m.Index + m.Length, p));
            }
        }

        // Earliest first, longest first, so that a core inside an earlier one is skipped.
        cores?.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return cores;
    }

    /// <summary>
    /// A bit per street pattern that could match <paramref name="text"/>: each needs its street-type word as a whole word, or
    /// (continental forms) a street word right before a house number, or (number-street-number) two numbers. One pass, no
    /// allocation; a set bit only means the pattern is run.
    /// </summary>
    private static int CandidatePatterns(string text)
    {
        var mask = 0;
        if (text.AsSpan().IndexOfAny(ContinentalPrefixes) >= 0)
        {
            mask |= 1 << 2;
        }

        // Case-insensitive matching can equate a non-ASCII letter with an ASCII one (the Kelvin sign and k), so such texts keep
        // the strong suffixes and the military and PO box patterns.
        if (text.AsSpan().ContainsAny(TextScan.AsciiCaseLookalikes))
        {
            mask |= (1 << 0) | (1 << 3) | (1 << 4);
        }

        if (text.AsSpan().ContainsAny(MilitaryWords))
        {
            mask |= 1 << 3;
        }

        if (text.AsSpan().ContainsAny(BoxWords))
        {
            mask |= 1 << 4;
        }

        var strong = StrongLookup;
        var weak = WeakLookup;
        var continental = ContinentalLookup;
        var digitRuns = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c) && i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                var j = i + 1;
                while (j < text.Length && char.IsAsciiLetter(text[j]))
                {
                    j++;
                }

                var word = text.AsSpan(i, j - i);
                if (StrongShapes.MayContain(word) && strong.Contains(word))
                {
                    mask |= 1 << 0;
                }

                if (WeakShapes.MayContain(word) && weak.Contains(word))
                {
                    mask |= 1 << 1;
                }

                i = j - 1;
                continue;
            }

            if (!char.IsDigit(c) || (i > 0 && char.IsDigit(text[i - 1])))
            {
                continue;
            }

            digitRuns++;
            var end = i;
            while (end > 0 && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            var start = end;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            var token = text.AsSpan(start, end - start);
            if (token.IsEmpty || !ContinentalEnds.Contains(token[^1]))
            {
                continue;
            }

            if (continental.Contains(token))
            {
                mask |= 1 << 5;
            }

            if (ContinentalSuffixesByLastCharacter.TryGetValue(token[^1], out var suffixes))
            {
                foreach (var suffix in suffixes)
                {
                    if (token.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        mask |= 1 << 2;
                        break;
                    }
                }
            }
        }

        if (digitRuns >= 2)
        {
            mask |= 1 << 6;
        }

        return mask;
    }

    /// <summary>True when a word of a street name is a common word or a long number, so the match is not a street.</summary>
    private static bool HasNotStreetWord(ReadOnlySpan<char> name)
    {
        var lookup = NotStreetWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        while (at < name.Length)
        {
            while (at < name.Length && char.IsWhiteSpace(name[at]))
            {
                at++;
            }

            var from = at;
            while (at < name.Length && !char.IsWhiteSpace(name[at]))
            {
                at++;
            }

            if (at == from)
            {
                break;
            }

            var word = name[from..at];
            if (lookup.Contains(word.Trim(".,")) || word.Length > 3 && AllDigits(word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllDigits(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// False when no tail can match at <paramref name="end"/>. Every tail reads separator characters (spaces, tabs, commas,
    /// '>' and line breaks) and then a letter, a digit or '#', none of which is a separator character: so the first character
    /// after the run of separator characters must be one of those.
    /// </summary>
    private static bool MayHaveTail(string text, int end)
    {
        var next = text.AsSpan(end).IndexOfAnyExcept(TailSeparators);
        return next >= 0 && (char.IsLetterOrDigit(text[end + next]) || text[end + next] == '#');
    }

    private static readonly SearchValues<char> TailSeparators = SearchValues.Create(" \t,>\r\n");

    private static (int End, int Pieces) Extend(string text, int end)
    {
        var pieces = 0;
        var extended = true;
        while (extended && pieces < 8 && MayHaveTail(text, end))
        {
            extended = false;
            foreach (var tail in Tails)
            {
                var m = tail.Match(text, end);

                if (m.Success && m.Length > 0 && text.AsSpan(m.Index, m.Length).Trim().Length > 0)
                {
                    end = m.Index + text.AsSpan(m.Index, m.Length).TrimEnd().Length;
                    pieces++;
                    extended = true;
                    break;
                }
            }
        }

        return (end, pieces);
    }
}
