namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Reads numbers spelled out in words, as people dictate them in chat: digit by digit ("five oh three"), in pairs
/// ("forty-two forty-two", "nineteen eighty-five"), with hundreds ("seven hundred forty two"), "double"/"triple", and
/// ordinals for days ("fourteenth", "twenty-first"). Works on word tokens so that offsets stay in the caller's text.
/// </summary>
internal static class SpokenNumberReader
{
    /// <summary>One word of a text: its span and its lower-case form.</summary>
    public readonly record struct Word(int Start, int End, string Lower);

    /// <summary>A piece of a spoken run read as one number ("forty-two" is one segment, "five" another).</summary>
    public readonly record struct Segment(int FirstWord, int LastWord, string Digits, int Value, bool Ordinal);

    private enum Kind
    {
        None,
        Unit,
        Teen,
        Tens,
        Hundred,
        Thousand,
        Repeat,
        Digits,
        Ordinal,
        Filler,
    }

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["oh"] = 0, ["o"] = 0, ["nil"] = 0, ["nought"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4,
        ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.Ordinal)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8,
        ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13, ["fourteenth"] = 14,
        ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18, ["nineteenth"] = 19, ["twentieth"] = 20,
        ["thirtieth"] = 30,
    };

    /// <summary>True when the word can be part of a spoken number (digits included).</summary>
    public static bool IsNumberWord(string lower) => KindOf(lower) is not Kind.None and not Kind.Filler;

    /// <summary>True when the word is spelled, not written with digits: a run needs one to be a spoken number.</summary>
    public static bool IsSpelled(string lower) => KindOf(lower) is not Kind.None and not Kind.Digits and not Kind.Filler;

    /// <summary>
    /// Reads the run of number words starting at <paramref name="first"/> (words joined only by spaces, hyphens, commas or
    /// dots in <paramref name="text"/>). Returns the segments read and the index after the run.
    /// </summary>
    public static List<Segment> ReadRun(string text, IReadOnlyList<Word> words, int first, out int next)
    {
        var segments = new List<Segment>();
        var i = first;
        while (i < words.Count && (i == first || Joined(text, words[i - 1], words[i])))
        {
            var kind = KindOf(words[i].Lower);
            if (kind == Kind.Filler && i > first && i + 1 < words.Count && IsNumberWord(words[i + 1].Lower) && Joined(text, words[i], words[i + 1]))
            {
                i++;
                continue;
            }

            if (!TryReadSegment(text, words, i, out var segment))
            {
                break;
            }

            segments.Add(segment);
            i = segment.LastWord + 1;
        }

        next = Math.Max(i, first + 1);
        return segments;
    }

    /// <summary>Reads one number at <paramref name="i"/>: "seven", "forty-two", "seven hundred forty two", "double five", "14th".</summary>
    public static bool TryReadSegment(string text, IReadOnlyList<Word> words, int i, out Segment segment)
    {
        segment = default;
        var word = words[i].Lower;
        switch (KindOf(word))
        {
            case Kind.Digits:
                var digits = StripSuffix(word);
                segment = new Segment(i, i, digits, digits.Length <= 9 ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : -1, digits.Length != word.Length);
                return true;
            case Kind.Repeat:
                if (i + 1 < words.Count && Joined(text, words[i], words[i + 1]) && Units.TryGetValue(words[i + 1].Lower, out var repeated))
                {
                    var count = word == "double" ? 2 : 3;
                    segment = new Segment(i, i + 1, new string((char)('0' + repeated), count), repeated, false);
                    return true;
                }

                return false;
            case Kind.Unit:
            case Kind.Teen:
            case Kind.Tens:
                var (value, last, ordinal) = ReadUnderHundred(text, words, i);
                if (value < 10 && KindOf(word) == Kind.Unit && !HasMultiplier(text, words, last))
                {
                    segment = new Segment(i, last, ((char)('0' + value)).ToString(), value, ordinal);
                    return true;
                }

                if (!ordinal && HasMultiplier(text, words, last))
                {
                    return ReadCompound(text, words, i, value, last, out segment);
                }

                segment = new Segment(i, last, value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, ordinal);
                return true;
            case Kind.Ordinal:
                var day = Ordinals[word];
                segment = new Segment(i, i, day.ToString(System.Globalization.CultureInfo.InvariantCulture), day, true);
                return true;
            default:
                return false;
        }
    }

    private static bool ReadCompound(string text, IReadOnlyList<Word> words, int first, int value, int last, out Segment segment)
    {
        var total = 0;
        var i = last + 1;
        var multiplier = words[i].Lower;
        if (multiplier == "hundred")
        {
            total = value * 100;
        }
        else
        {
            total = value * 1000;
        }

        last = i;
        i++;
        if (multiplier == "thousand" && i + 1 < words.Count && Units.TryGetValue(words[i].Lower, out var hundreds) && words[i + 1].Lower == "hundred")
        {
            total += hundreds * 100;
            last = i + 1;
            i += 2;
        }

        if (i < words.Count && words[i].Lower == "and" && i + 1 < words.Count)
        {
            i++;
        }

        if (i < words.Count && Joined(text, words[i - 1], words[i]) && KindOf(words[i].Lower) is Kind.Unit or Kind.Teen or Kind.Tens && words[i].Lower is not ("oh" or "o"))
        {
            var (rest, restLast, _) = ReadUnderHundred(text, words, i);
            total += rest;
            last = restLast;
        }

        segment = new Segment(first, last, total.ToString(System.Globalization.CultureInfo.InvariantCulture), total, false);
        return true;
    }

    /// <summary>"forty", "forty-two", "forty second", "fourteen", "seven": value, last word used, and whether it was an ordinal.</summary>
    private static (int Value, int Last, bool Ordinal) ReadUnderHundred(string text, IReadOnlyList<Word> words, int i)
    {
        var word = words[i].Lower;
        if (Units.TryGetValue(word, out var unit))
        {
            return (unit, i, false);
        }

        if (Teens.TryGetValue(word, out var teen))
        {
            return (teen, i, false);
        }

        var tens = Tens[word];
        if (i + 1 < words.Count && Joined(text, words[i], words[i + 1]))
        {
            var nextWord = words[i + 1].Lower;
            if (Units.TryGetValue(nextWord, out var ones) && ones > 0 && nextWord is not ("oh" or "o"))
            {
                return (tens + ones, i + 1, false);
            }

            if (Ordinals.TryGetValue(nextWord, out var ordinal) && ordinal < 10)
            {
                return (tens + ordinal, i + 1, true);
            }
        }

        return (tens, i, false);
    }

    private static bool HasMultiplier(string text, IReadOnlyList<Word> words, int last) =>
        last + 1 < words.Count && words[last + 1].Lower is "hundred" or "thousand" && Joined(text, words[last], words[last + 1]);

    private static Kind KindOf(string lower)
    {
        if (lower.Length == 0)
        {
            return Kind.None;
        }

        if (char.IsAsciiDigit(lower[0]))
        {
            return IsDigitsWithSuffix(lower) ? Kind.Digits : Kind.None;
        }

        if (Units.ContainsKey(lower))
        {
            return Kind.Unit;
        }

        if (Teens.ContainsKey(lower))
        {
            return Kind.Teen;
        }

        if (Tens.ContainsKey(lower))
        {
            return Kind.Tens;
        }

        return lower switch
        {
            "hundred" => Kind.Hundred,
            "thousand" => Kind.Thousand,
            "double" or "triple" => Kind.Repeat,
            "and" => Kind.Filler,
            _ => Ordinals.ContainsKey(lower) ? Kind.Ordinal : Kind.None,
        };
    }

    private static bool IsDigitsWithSuffix(string lower)
    {
        var digits = StripSuffix(lower);
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string StripSuffix(string lower) =>
        lower.Length > 2 && lower[^2..] is "st" or "nd" or "rd" or "th" ? lower[..^2] : lower;

    /// <summary>True when only spaces, hyphens, commas or dots (at most three characters) separate the two words.</summary>
    private static bool Joined(string text, Word a, Word b)
    {
        var gap = b.Start - a.End;
        if (gap > 3)
        {
            return false;
        }

        for (var k = a.End; k < b.Start; k++)
        {
            if (text[k] is not (' ' or '\t' or '-' or ',' or '.' or '\u2013'))
            {
                return false;
            }
        }

        return true;
    }
}
