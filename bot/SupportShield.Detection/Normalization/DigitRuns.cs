namespace SupportShield.Detection.Normalization;

/// <summary>
/// Stage 4: rewrites digit runs written to dodge patterns: odd or repeated separators ("4111 / 1111", "4 1 1 1-1111_1111"),
/// digits spelled as words in runs of three or more ("four one one one", "double one", "oh"), and O/o and l/I standing for
/// digits inside numbers ("41l1 O000"). A rewritten run keeps a shape the recognizers know when it has one (IPv4 a.b.c.d,
/// SSN ddd-dd-dddd, phone ddd-ddd-dddd, dates) and is otherwise collapsed to its digits. Runs that already read as plain
/// numbers are left alone.
/// </summary>
internal static class DigitRuns
{
    private const int MaxSeparatorSymbols = 5;
    private const int MinimumDigits = 7;
    private const int MinimumIpDigits = 4;

    private enum Kind
    {
        Digits,
        Mixed,
        Word,
        Repeated,
    }

    [ThreadStatic]
    private static List<Token>? t_tokens;

    [ThreadStatic]
    private static List<Separator>? t_separators;

    /// <summary>Rewrites evasive digit runs; returns <paramref name="input"/> when there is none.</summary>
    public static NormalizedText Apply(NormalizedText input)
    {
        var text = input.Text;
        if (!MayRewrite(text))
        {
            return input;
        }

        MappedTextBuilder? builder = null;
        List<Token>? tokens = null;
        List<Separator>? separators = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenStart(text, i))
            {
                i++;
                continue;
            }

            if (!TryToken(text, i, out var first))
            {
                i = WordEnd(text, i);
                continue;
            }

            var end = first.End;
            var next = default(Token);
            var separator = default(Separator);
            if (!(TrySeparator(text, end, out separator) && TryToken(text, separator.End, out next)) && first.Kind == Kind.Digits)
            {
                // A lone plain number: nothing to rewrite.
                i = end;
                continue;
            }

            // Per-thread lists: a text with a candidate run but nothing to rewrite allocates nothing.
            tokens ??= t_tokens ??= [];
            separators ??= t_separators ??= [];
            tokens.Clear();
            separators.Clear();
            tokens.Add(first);
            while (next.End > 0)
            {
                if (separator.Loose && !(IsShort(tokens[^1]) && IsShort(next)))
                {
                    break;
                }

                separators.Add(separator);
                tokens.Add(next);
                end = next.End;
                next = default;
                if (TrySeparator(text, end, out separator) && TryToken(text, separator.End, out var following))
                {
                    next = following;
                }
            }

            if (ShouldRewrite(tokens, separators) && Plan(tokens, separators, out var join))
            {
                builder ??= new MappedTextBuilder(input);
                Rewrite(text, tokens, separators, join, builder, copied);
                copied = end;
            }

            i = end;
        }

        if (builder is null)
        {
            return input;
        }

        builder.Copy(copied, text.Length);
        return builder.Build();
    }

    /// <summary>
    /// Cheap pre-check. A rewritten run holds at least <see cref="MinimumIpDigits"/> digits; without an ASCII digit every token
    /// is a spelled digit (alone or after "double"), and such a run needs three tokens, so three spelled digits.
    /// </summary>
    private static bool MayRewrite(string text)
    {
        if (text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return true;
        }

        var spelled = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsTokenStart(text, i))
            {
                continue;
            }

            var end = WordEnd(text, i);
            var word = text.AsSpan(i, end - i);
            if (word.Length <= 5 && !char.IsLetterOrDigit(end < text.Length ? text[end] : ' ') && IsAsciiWord(word) && DigitWords.Digit(word) != '\0' && ++spelled >= 3)
            {
                return true;
            }

            i = end;
        }

        return false;
    }

    private static bool IsAsciiWord(ReadOnlySpan<char> word) => !word.ContainsAnyExceptInRange('\0', '\u007f');

    private static bool IsTokenStart(string text, int i) =>
        char.IsAsciiLetterOrDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));

    private static int WordEnd(string text, int i)
    {
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>A single digit, a spelled digit or a repeated digit: pieces of a number read out one digit at a time.</summary>
    private static bool IsShort(Token token) => token.Kind is Kind.Word or Kind.Repeated || (token.Kind == Kind.Digits && token.Digits == 1);

    private static bool TryToken(string text, int start, out Token token)
    {
        token = default;
        if (start >= text.Length || !IsTokenStart(text, start))
        {
            return false;
        }

        var end = start;
        var digits = 0;
        var lookalikes = 0;
        var others = 0;
        while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            var c = text[end];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is 'O' or 'o' or 'l' or 'I')
            {
                lookalikes++;
            }
            else
            {
                others++;
            }

            end++;
        }

        if (end < text.Length && char.IsLetterOrDigit(text[end]))
        {
            return false;
        }

        if (digits > 0 && lookalikes == 0 && others == 0)
        {
            token = new Token(start, end, Kind.Digits, digits, '\0');
            return true;
        }

        if (digits >= 1 && end - start >= 2 && others == 0 && lookalikes <= digits)
        {
            token = new Token(start, end, Kind.Mixed, digits + lookalikes, '\0');
            return true;
        }

        if (digits > 0)
        {
            return false;
        }

        var word = text.AsSpan(start, end - start);
        var digit = DigitWords.Digit(word);
        if (digit != '\0')
        {
            token = new Token(start, end, Kind.Word, 1, digit);
            return true;
        }

        var repeat = DigitWords.Repeat(word);
        if (repeat > 0)
        {
            var next = end;
            while (next < text.Length && next - end < 2 && text[next] is ' ' or '-')
            {
                next++;
            }

            if (next > end && TryToken(text, next, out var repeated) && (repeated.Kind == Kind.Word || (repeated.Kind == Kind.Digits && repeated.Digits == 1)))
            {
                token = new Token(start, repeated.End, Kind.Repeated, repeat, repeated.Kind == Kind.Word ? repeated.Digit : text[repeated.Start]);
                return true;
            }
        }

        return false;
    }

    private static bool TrySeparator(string text, int start, out Separator separator)
    {
        separator = default;
        var end = start;
        var symbols = 0;
        var kind = ' ';
        var loose = false;
        var spaceBeforeDot = false;
        var word = false;
        while (end < text.Length && symbols <= MaxSeparatorSymbols)
        {
            var c = text[end];
            if (c is ' ' or '\t')
            {
                // Whitespace is free.
            }
            else if (c is '-' or '.' or '_' or '/' or '*' or '~' or ',' or '(' or ')' or '[' or ']')
            {
                symbols++;
                kind = Stronger(kind, c);
                if (c == ',')
                {
                    loose = true;
                }
                else if (c == '.' && end > start && text[end - 1] == ' ')
                {
                    spaceBeforeDot = true;
                }
                else if (c == '.' && end + 1 < text.Length && text[end + 1] == ' ' && !spaceBeforeDot)
                {
                    // ". " ends a sentence unless the dot is spaced on both sides.
                    loose = true;
                }
            }
            else if (!word && char.IsAsciiLetter(c) && end > start && text[end - 1] == ' ')
            {
                var wordEnd = WordEnd(text, end);
                var spelled = DigitWords.Separator(text.AsSpan(end, wordEnd - end));
                if (spelled == '\0' || wordEnd >= text.Length || text[wordEnd] != ' ')
                {
                    break;
                }

                word = true;
                kind = Stronger(kind, spelled);
                end = wordEnd;
                continue;
            }
            else
            {
                break;
            }

            end++;
        }

        if (end == start || end >= text.Length || !char.IsAsciiLetterOrDigit(text[end]))
        {
            return false;
        }

        var span = text.AsSpan(start, end - start);
        var standard = !word && (span is " " or "-" or "." or "/" || IsBracketed(span));

        separator = new Separator(start, end, kind, standard, loose && !spaceBeforeDot, symbols == 0 && !word);
        return true;
    }

    /// <summary>Phone brackets such as ") " or " (0) " are how numbers are written, not a way around a pattern.</summary>
    private static bool IsBracketed(ReadOnlySpan<char> separator)
    {
        var open = 0;
        var close = 0;
        foreach (var c in separator)
        {
            if (c == '(')
            {
                open++;
            }
            else if (c == ')')
            {
                close++;
            }
            else if (c != ' ')
            {
                return false;
            }
        }

        return open + close > 0 && open <= 1 && close <= 1 && separator.Length <= 3;
    }

    /// <summary>The separator class a run keeps: a dot beats a dash beats a slash beats a space.</summary>
    private static char Stronger(char current, char c)
    {
        var next = c switch
        {
            '.' => '.',
            '-' => '-',
            '/' => '/',
            _ => ' ',
        };
        return Rank(next) > Rank(current) ? next : current;

        static int Rank(char k) => k switch
        {
            '.' => 3,
            '-' => 2,
            '/' => 1,
            _ => 0,
        };
    }

    private static bool LooksGroupedLikeCard(List<Token> tokens)
    {
        if (tokens.Count is < 3 or > 5 || tokens[0].Digits != 4)
        {
            return false;
        }

        foreach (var token in tokens)
        {
            if (token.Kind != Kind.Digits || token.Digits is < 3 or > 6)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ShouldRewrite(List<Token> tokens, List<Separator> separators)
    {
        var odd = false;
        var words = false;
        var digits = 0;
        foreach (var token in tokens)
        {
            digits += token.Digits;
            odd |= token.Kind != Kind.Digits;
            words |= token.Kind is Kind.Word or Kind.Repeated;
        }

        if (digits < MinimumIpDigits || (words && tokens.Count < 3))
        {
            return false;
        }

        var singles = 1;
        var firstKind = separators.Count > 0 ? separators[0].Kind : ' ';
        var mixed = false;
        for (var k = 0; k < separators.Count; k++)
        {
            var separator = separators[k];
            odd |= !separator.Standard;
            mixed |= separator.Kind != firstKind;
            singles = IsShort(tokens[k + 1]) && IsShort(tokens[k]) && separator.Kind != '.' ? singles + 1 : 1;
            odd |= singles >= 3;
        }

        // Card numbers are grouped in fours (or 4-6-5) with one separator; a mix of separators is a way around the pattern.
        odd |= (mixed || firstKind is not ' ' and not '-') && digits is >= 12 and <= 19 && LooksGroupedLikeCard(tokens);
        return odd;
    }

    /// <summary>Decides how a run is written: the separator kept between groups ('\0' to collapse it to its digits), or false to leave it.</summary>
    private static bool Plan(List<Token> tokens, List<Separator> separators, out char join)
    {
        join = '\0';
        Span<int> lengths = stackalloc int[5];
        var kind = '\0';
        var same = true;
        var groups = 0;
        var digits = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            digits += tokens[k].Digits;
            if (!Merges(tokens, separators, k))
            {
                if (k > 0)
                {
                    var between = separators[k - 1].Kind;
                    same &= kind == '\0' || kind == between;
                    kind = between;
                }

                groups++;
            }

            if (groups <= lengths.Length)
            {
                lengths[groups - 1] += tokens[k].Digits;
            }
        }

        if (groups <= lengths.Length)
        {
            join = lengths[..groups] switch
            {
                [>= 1 and <= 3, >= 1 and <= 3, >= 1 and <= 3, >= 1 and <= 3] when same && kind == '.' => '.',
                [3, 2, 4] or [3, 3, 4] or [1, 3, 3, 4] => '-',
                [1 or 2, 1 or 2, 2 or 4] or [4, 1 or 2, 1 or 2] when same && kind is '/' or '-' or '.' => kind,
                _ => '\0',
            };
        }

        return join != '\0' || digits >= MinimumDigits;
    }

    /// <summary>True when token k continues the previous token's group: digits read out one at a time with spaces between.</summary>
    private static bool Merges(List<Token> tokens, List<Separator> separators, int k) =>
        k > 0 && IsShort(tokens[k - 1]) && IsShort(tokens[k]) && separators[k - 1].Blank;

    private static void Rewrite(string text, List<Token> tokens, List<Separator> separators, char join, MappedTextBuilder builder, int copied)
    {
        builder.Copy(copied, tokens[0].Start);
        for (var k = 0; k < tokens.Count; k++)
        {
            if (k > 0 && join != '\0' && !Merges(tokens, separators, k))
            {
                var separator = separators[k - 1];
                builder.Append(join, separator.Start, separator.End);
            }

            Emit(text, tokens[k], builder);
        }
    }

    private static void Emit(string text, Token token, MappedTextBuilder builder)
    {
        switch (token.Kind)
        {
            case Kind.Word:
                builder.Append(token.Digit, token.Start, token.End);
                break;
            case Kind.Repeated:
                for (var r = 0; r < token.Digits; r++)
                {
                    builder.Append(token.Digit, token.Start, token.End);
                }

                break;
            default:
                for (var k = token.Start; k < token.End; k++)
                {
                    var c = text[k];
                    builder.Append(c switch { 'O' or 'o' => '0', 'l' or 'I' => '1', _ => c }, k, k + 1);
                }

                break;
        }
    }

    private readonly record struct Token(int Start, int End, Kind Kind, int Digits, char Digit);

    private readonly record struct Separator(int Start, int End, char Kind, bool Standard, bool Loose, bool Blank);
}
