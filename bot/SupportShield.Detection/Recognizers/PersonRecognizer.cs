using System.Buffers;
using System.Collections.Frozen;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds personal names without an NER model: title-case runs ("Abby M. Laidlaw") scored by cue phrases before them
/// ("my name is", "Mr.", "Dear", "thanks"), an embedded gazetteer of given and family names, and family-name endings
/// (-ović, -sson, -enko, ...). Lower-case names count only after a cue. Titles stay outside the span; runs followed by a
/// street or company word, preceded by a house number, or naming a brand are not names.
/// </summary>
public sealed class PersonRecognizer : IRecognizer
{
    private const double TitleScore = 0.9;
    private const double StrongScore = 0.85;
    private const double MediumScore = 0.7;
    private const double WeakScore = 0.6;
    private const double PairScore = 0.7;
    private const double SingleNameScore = 0.55;
    private const int MaxNameTokens = 4;

    private enum Cue
    {
        None,
        Weak,
        Medium,
        Strong,
        Title,
    }

    private enum Kind
    {
        Other,
        Capitalised,
        Initial,
        Lower,
    }

    private readonly record struct Token(int Start, int End, Kind Kind, bool Possessive);

    private static readonly string[] TitleCues = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mister", "doctor", "professor"];

    private static readonly string[] StrongCues =
    [
        "my name is", "my name's", "name is", "name", "names", "names are", "call me", "called", "named", "signed", "dear", "account holder",
        "account holder is", "holder", "on behalf of", "behalf of", "under the name", "under the name of", "under my name", "nickname is",
        "aka", "goes by", "surname", "surname is", "full name", "full name is", "first name", "last name", "name on the account is",
        "name on the card is",
    ];

    private static readonly string[] MediumCues =
    [
        "i'm", "i’m", "i am", "im", "this is", "it's", "it’s", "it is", "speaking with", "talking to", "speak to", "speak with", "ask for",
        "add", "remove", "change it to", "husband", "wife", "son", "daughter", "partner", "mother", "father", "mom", "dad", "kid", "child",
        "brother", "sister", "friend", "colleague", "spouse", "guardian", "beneficiary", "agent", "under",
    ];

    private static readonly string[] WeakCues =
    [
        "hi", "hello", "hey", "thanks", "thank you", "thx", "ok", "okay", "bye", "regards", "best regards", "kind regards", "cheers", "best",
        "sincerely", "welcome", "good morning", "good afternoon", "good evening",
    ];

    private static readonly FrozenSet<string> Particles =
        new[] { "van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "ter", "ten" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Given names that are also common words or places; alone they need a cue.</summary>
    private static readonly FrozenSet<string> AmbiguousNames =
        new[]
        {
            "will", "mark", "bill", "grace", "hope", "joy", "faith", "rose", "jack", "max", "min", "frank", "pat", "dawn", "crystal", "amber",
            "holly", "ivy", "lily", "summer", "autumn", "sunny", "guy", "chase", "hunter", "miles", "drew", "lane", "page", "jordan", "austin",
            "victoria", "virginia", "georgia", "chelsea", "florence", "paris", "sydney", "gene", "ray", "art", "rich", "penny", "ruby", "ginger",
            "violet", "iris", "jasmine", "pearl", "bob", "sue", "dean", "lee", "chad", "jean", "long", "young", "king", "black", "white", "green",
            "brown", "gray", "grey", "stone", "banks", "day", "ward", "price", "bell", "wood", "hill", "rice", "fox", "wolf", "hart", "west",
            "cole", "ford", "mills", "baker", "cook", "carpenter", "weaver", "fisher", "porter", "mason", "knight", "hunter", "lang", "song",
            "moon", "ma", "do", "ho", "le", "ye", "he", "su", "hu", "li", "ji", "an", "hana", "mai", "lucky", "angel", "destiny", "trinity",
            "harmony", "justice", "precious", "major", "ace", "sterling", "cash", "price", "young", "strong", "marshall", "chance", "carter",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words after a run that make it an address or an organisation rather than a person.</summary>
    private static readonly FrozenSet<string> NotAfter =
        new[]
        {
            "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive", "dr", "way", "court", "ct", "place", "pl",
            "terrace", "close", "crescent", "square", "parkway", "highway", "hwy", "trail", "park", "gardens", "grove", "circle", "plaza",
            "extension", "extensions", "bypass", "hill", "hills", "heights", "row", "mews", "walk", "loop", "pike", "path", "point", "crossing",
            "green", "rise", "view", "ridge", "harbor", "harbour", "junction", "landing", "meadow", "meadows", "commons", "causeway", "wharf",
            "quay", "parade", "esplanade", "creek", "estate", "estates", "village", "valley", "springs", "manor", "shore", "shores", "glen",
            "falls", "island", "lake", "lakes", "mill", "mount", "orchard", "port", "ranch", "summit", "cove", "bridge", "brook", "canyon",
            "vale", "gate", "gardens", "straße", "strasse", "weg", "gasse", "platz", "allee", "vej", "straat", "laan",
            "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "co", "group", "bank", "university", "college", "school", "hospital",
            "airlines", "airways", "hotel", "foundation", "institute", "associates", "partners", "solutions", "technologies", "systems",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Brands named after people.</summary>
    private static readonly FrozenSet<string> Brands =
        new[]
        {
            "calvin klein", "tommy hilfiger", "ralph lauren", "michael kors", "kate spade", "tory burch", "marc jacobs", "hugo boss", "ted baker",
            "jimmy choo", "vera wang", "steve madden", "louis vuitton", "christian dior", "giorgio armani", "ray ban", "wells fargo",
            "charles schwab", "morgan stanley", "goldman sachs", "dolce gabbana", "tim hortons", "estee lauder", "john deere", "jack daniels",
            "johnnie walker", "martha stewart", "betty crocker", "ben jerry", "marks spencer", "dr martens", "taco bell", "burger king",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] SurnameEndings =
        ["ović", "ević", "sen", "vić", "ić", "sson", "dóttir", "dottir", "ová", "ská", "ski", "ska", "enko", "chuk", "yev", "ova", "ov", "escu", "poulos", "akis", "idis", "ishvili", "adze", "berg", "stein", "mann", "ez", "etti", "elli"];

    private static readonly string[] EnglishEndings = ["ing", "ed", "ly", "tion", "ment", "ness", "able", "ful", "less", "ous", "ive"];

    /// <inheritdoc />
    public string Name => nameof(PersonRecognizer);

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasLetter(text))
        {
            return [];
        }

        // Every token is followed by at least one character that is not part of it, so half the length bounds their number.
        var buffer = ArrayPool<Token>.Shared.Rent((text.Length / 2) + 1);
        try
        {
            List<Finding>? findings = null;
            Scan(text, buffer.AsSpan(0, Tokenize(text, buffer)), ref findings);
            return findings ?? (IEnumerable<Finding>)[];
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(buffer);
        }
    }

    private void Scan(string text, ReadOnlySpan<Token> tokens, ref List<Finding>? findings)
    {
        var i = 0;
        while (i < tokens.Length)
        {
            var token = tokens[i];
            var consumed = token.Kind switch
            {
                Kind.Capitalised when !IsNotName(text, token) => CapitalisedRun(text, tokens, i, ref findings),
                Kind.Initial when i + 1 < tokens.Length && tokens[i + 1].Kind == Kind.Capitalised && Adjacent(text, token, tokens[i + 1]) => CapitalisedRun(text, tokens, i, ref findings),
                Kind.Lower when !IsNotName(text, token) => LowerRun(text, tokens, i, ref findings),
                _ => 1,
            };
            i += Math.Max(1, consumed);
        }
    }

    private int CapitalisedRun(string text, ReadOnlySpan<Token> tokens, int first, ref List<Finding>? findings)
    {
        // Extend over capitalised words, initials and particles separated by spaces only.
        var last = first;
        var names = tokens[first].Kind == Kind.Capitalised ? 1 : 0;
        for (var k = first + 1; k < tokens.Length && names < MaxNameTokens && !tokens[k - 1].Possessive; k++)
        {
            if (!Adjacent(text, tokens[k - 1], tokens[k]))
            {
                break;
            }

            var t = tokens[k];
            if (t.Kind == Kind.Capitalised && !IsNotName(text, t))
            {
                last = k;
                names++;
            }
            else if (t.Kind == Kind.Initial || (t.Kind == Kind.Lower && ParticleLookup.Contains(Word(text, t))))
            {
                continue;
            }
            else
            {
                break;
            }
        }

        var consumed = last - first + 1;
        var start = tokens[first].Start;
        var end = tokens[last].End;
        if (RejectedByNeighbours(text, tokens, first, last) || IsBrand(text, start, end))
        {
            return consumed;
        }

        var cue = CueBefore(text, start);
        if (cue == Cue.None && IsWholeMessage(text, start, end))
        {
            cue = Cue.Medium;
        }

        var firstWord = Word(text, tokens[first]);
        var lastWord = Word(text, tokens[last]);

        if (NotAfterLookup.Contains(lastWord) || (cue < Cue.Strong && FollowedByNumber(text, tokens, last)))
        {
            // "Shelly Park", "Peter Zuidhove 188": a place or a street, not a person.
            return consumed;
        }

        var firstGiven = FirstNameLookup.Contains(firstWord);
        var plainGiven = firstGiven && !AmbiguousLookup.Contains(firstWord);
        var lastFamily = names > 1 && (SurnameLookup.Contains(lastWord) || FirstNameLookup.Contains(lastWord));
        var plainFamily = lastFamily && !AmbiguousLookup.Contains(lastWord);
        var shaped = names > 1 && LooksLikeSurname(lastWord);
        var evidence = firstGiven || lastFamily || shaped || SurnameLookup.Contains(firstWord);

        double score = cue switch
        {
            Cue.Title => TitleScore,
            Cue.Strong => StrongScore,
            Cue.Medium when evidence || names > 1 => MediumScore,
            Cue.Weak when evidence || IsVocative(text, end) => WeakScore,
            _ when names > 1 && (plainGiven || plainFamily || shaped || (firstGiven && lastFamily)) => PairScore,
            _ when names == 1 && plainGiven => SingleNameScore,
            _ => 0,
        };
        if (score > 0)
        {
            Add(ref findings, text, start, end, score, cue, evidence);
        }

        return consumed;
    }

    private int LowerRun(string text, ReadOnlySpan<Token> tokens, int first, ref List<Finding>? findings)
    {
        var cue = CueBefore(text, tokens[first].Start);
        if (cue == Cue.None)
        {
            return 1;
        }

        var word = Word(text, tokens[first]);
        var known = FirstNameLookup.Contains(word) || SurnameLookup.Contains(word);
        var strongUnknown = cue is Cue.Strong && !known && word.Length > 2 && !EndsWithAny(word, EnglishEndings) && AfterCopula(text, tokens[first].Start);
        if (!(known && (cue >= Cue.Strong || !AmbiguousLookup.Contains(word))) && !strongUnknown)
        {
            return 1;
        }

        // A following lower-case word joins when it is a known or surname-shaped family name, or after a strong cue.
        var last = first;
        for (var k = first + 1; k < tokens.Length && k - first < 3 && Adjacent(text, tokens[k - 1], tokens[k]) && !tokens[k - 1].Possessive; k++)
        {
            var t = tokens[k];
            var next = Word(text, t);
            if (t.Kind != Kind.Lower || IsNotName(text, t))
            {
                break;
            }

            var family = SurnameLookup.Contains(next) || FirstNameLookup.Contains(next) || LooksLikeSurname(next);
            if (!family && !(cue == Cue.Strong && !EndsWithAny(next, EnglishEndings) && next.Length > 2))
            {
                break;
            }

            last = k;
        }

        if (RejectedByNeighbours(text, tokens, first, last) || IsBrand(text, tokens[first].Start, tokens[last].End))
        {
            return last - first + 1;
        }

        var score = cue switch
        {
            Cue.Title or Cue.Strong => known ? 0.8 : 0.65,
            _ => WeakScore,
        };
        Add(ref findings, text, tokens[first].Start, tokens[last].End, score, cue, known);
        return last - first + 1;
    }

    private void Add(ref List<Finding>? findings, string text, int start, int end, double score, Cue cue, bool gazetteer) =>
        (findings ??= []).Add(new Finding(
            EntityType.Person,
            start,
            end,
            text[start..end],
            score,
            cue == Cue.None ? "person.gazetteer" : "person.cue",
            new FindingExplanation(Name, CuePattern(cue), score, gazetteer ? "gazetteer:hit" : null)));

    private static string CuePattern(Cue cue) => cue switch
    {
        Cue.Title => "cue:title",
        Cue.Strong => "cue:strong",
        Cue.Medium => "cue:medium",
        Cue.Weak => "cue:weak",
        _ => "name-pair",
    };

    /// <summary>A run right after a house number, or followed by a street or company word, is not a person.</summary>
    private static bool RejectedByNeighbours(string text, ReadOnlySpan<Token> tokens, int first, int last)
    {
        if (last + 1 < tokens.Length && Adjacent(text, tokens[last], tokens[last + 1]) && NotAfterLookup.Contains(Word(text, tokens[last + 1])))
        {
            return true;
        }

        var p = tokens[first].Start - 1;
        while (p >= 0 && text[p] is ' ' or '\t')
        {
            p--;
        }

        return p >= 0 && char.IsAsciiDigit(text[p]) && p < tokens[first].Start - 1;
    }

    /// <summary>The strongest cue phrase that ends right before <paramref name="start"/> (punctuation such as ":" or "," between allowed).</summary>
    private static Cue CueBefore(string text, int start)
    {
        var end = start;
        var sentenceBreak = false;
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ':' or ',' or '-' or '–' or '—' or '?' or '>' or '"' or '“' or '(' or '.' or '!'))
        {
            sentenceBreak |= text[end - 1] is '.' or '!' or '?';
            end--;
        }

        if (end == 0)
        {
            return Cue.None;
        }

        var from = Math.Max(0, end - 32);
        var before = text.AsSpan(from, end - from);
        if (EndsWithCue(before, TitleCuesByLast))
        {
            return Cue.Title;
        }

        if (EndsWithCue(before, StrongCuesByLast))
        {
            return Cue.Strong;
        }

        // Greetings and "I'm" do not reach across the end of a sentence ("Great! Enjoy the rest of your day").
        if (sentenceBreak)
        {
            return Cue.None;
        }

        if (EndsWithCue(before, MediumCuesByLast))
        {
            return Cue.Medium;
        }

        return EndsWithCue(before, WeakCuesByLast) ? Cue.Weak : Cue.None;
    }

    /// <summary>True when "is", a colon, a dash or a question mark comes right before <paramref name="start"/> ("maiden name is nyberg").</summary>
    private static bool AfterCopula(string text, int start)
    {
        var end = start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > 0 && (text[end - 1] is ':' or '-' or '?' or '=' || text.AsSpan(0, end).EndsWith(" is", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when a name is addressed: punctuation or the end of the text follows ("Thank you Joyxe.", "Hi Victor,").</summary>
    private static bool IsVocative(string text, int end)
    {
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return end == text.Length || text[end] is ',' or '.' or '!' or '?' or ';' or ':' or '\r' or '\n';
    }

    private static bool FollowedByNumber(string text, ReadOnlySpan<Token> tokens, int last)
    {
        var k = tokens[last].End;
        while (k < text.Length && text[k] is ' ' or '\t')
        {
            k++;
        }

        return k > tokens[last].End && k < text.Length && char.IsAsciiDigit(text[k]);
    }

    private static bool EndsWithCue(ReadOnlySpan<char> before, FrozenDictionary<char, string[]> cuesByLast)
    {
        if (before.IsEmpty || !cuesByLast.TryGetValue(char.ToUpperInvariant(before[^1]), out var cues))
        {
            return false;
        }

        foreach (var cue in cues)
        {
            if (before.EndsWith(cue, StringComparison.OrdinalIgnoreCase))
            {
                var at = before.Length - cue.Length;
                if (at == 0 || !char.IsLetterOrDigit(before[at - 1]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWholeMessage(string text, int start, int end)
    {
        for (var k = 0; k < start; k++)
        {
            if (!char.IsWhiteSpace(text[k]) && text[k] != '>')
            {
                return false;
            }
        }

        for (var k = end; k < text.Length; k++)
        {
            if (!char.IsWhiteSpace(text[k]) && text[k] is not ('.' or '!'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Family-name endings across languages, or letters outside ASCII in a title-case word.</summary>
    private static bool LooksLikeSurname(ReadOnlySpan<char> word)
    {
        if (word.Length < 4)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (c > '\u007f' && char.IsLetter(c))
            {
                return true;
            }
        }

        return word.Length >= 6 && EndsWithAny(word, SurnameEndings);
    }

    private static bool EndsWithAny(ReadOnlySpan<char> word, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNotName(string text, Token token) => NotNameLookup.Contains(Word(text, token));

    private static ReadOnlySpan<char> Word(string text, Token token) => text.AsSpan(token.Start, token.End - token.Start);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstNameLookup = NameLists.FirstNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SurnameLookup = NameLists.Surnames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNameLookup = NameLists.NotNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BrandLookup = Brands.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup = AmbiguousNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ParticleLookup = Particles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotAfterLookup = NotAfter.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Cue phrases by their last character (upper-cased): a text's last character picks the few worth comparing.</summary>
    private static readonly FrozenDictionary<char, string[]> TitleCuesByLast = ByLastChar(TitleCues);
    private static readonly FrozenDictionary<char, string[]> StrongCuesByLast = ByLastChar(StrongCues);
    private static readonly FrozenDictionary<char, string[]> MediumCuesByLast = ByLastChar(MediumCues);
    private static readonly FrozenDictionary<char, string[]> WeakCuesByLast = ByLastChar(WeakCues);

    private static FrozenDictionary<char, string[]> ByLastChar(string[] cues)
    {
        var buckets = new Dictionary<char, List<string>>();
        foreach (var cue in cues)
        {
            var key = char.ToUpperInvariant(cue[^1]);
            if (!buckets.TryGetValue(key, out var list))
            {
                buckets[key] = list = [];
            }

            list.Add(cue);
        }

        return buckets.ToFrozenDictionary(b => b.Key, b => b.Value.ToArray());
    }

    /// <summary>True when the run's letters, lower-cased and joined by single spaces, name a brand.</summary>
    private static bool IsBrand(string text, int start, int end)
    {
        var chars = end - start <= 128 ? stackalloc char[end - start] : new char[end - start];
        return BrandLookup.Contains(chars[..Lower(text, start, end, chars)]);
    }

    private static int Lower(string text, int start, int end, Span<char> chars)
    {
        var n = 0;
        var space = false;
        for (var k = start; k < end; k++)
        {
            var c = text[k];
            if (char.IsLetter(c))
            {
                if (space && n > 0)
                {
                    chars[n++] = ' ';
                }

                chars[n++] = char.ToLowerInvariant(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return n;
    }

    /// <summary>True when only spaces or tabs (and the dot of an initial) separate two tokens.</summary>
    private static bool Adjacent(string text, Token a, Token b)
    {
        var k = a.End;
        if (a.Kind == Kind.Initial && k < b.Start && text[k] == '.')
        {
            k++;
        }

        if (k == b.Start)
        {
            return false;
        }

        for (; k < b.Start; k++)
        {
            if (text[k] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words of letters with inner apostrophes or hyphens; a word with a digit is <see cref="Kind.Other"/>. A trailing "'s" is left out.</summary>
    /// <summary>Writes the tokens of <paramref name="text"/> to <paramref name="tokens"/> and returns their number.</summary>
    private static int Tokenize(string text, Token[] tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var digit = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark
                || (text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                digit |= char.IsDigit(text[i]);
                i++;
            }

            var end = i;
            var possessive = end - start > 3 && text[end - 2] is '\'' or '’' && text[end - 1] is 's' or 'S';
            if (possessive)
            {
                end -= 2;
            }

            tokens[count++] = new Token(start, end, digit ? Kind.Other : Classify(text, start, end), possessive);
        }

        return count;
    }

    private static Kind Classify(string text, int start, int end)
    {
        if (!char.IsUpper(text[start]))
        {
            return char.IsLower(text[start]) ? Kind.Lower : Kind.Other;
        }

        if (end - start == 1)
        {
            return Kind.Initial;
        }

        // Contractions of "I" ("I'm", "I'll") are pronouns, not names.
        if (text[start] == 'I' && text[start + 1] is '\'' or '’')
        {
            return Kind.Other;
        }

        for (var k = start + 1; k < end; k++)
        {
            if (char.IsLower(text[k]))
            {
                return Kind.Capitalised;
            }
        }

        return Kind.Other;
    }
}
