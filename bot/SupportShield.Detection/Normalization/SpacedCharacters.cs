namespace SupportShield.Detection.Normalization;

/// <summary>
/// Stage 2: joins text written one character at a time ("j a n e @ e x a m p l e . c o m"): a run of at least four single
/// letters, digits or address punctuation separated by single spaces, with at least two letters, loses its spaces. Digit-only
/// runs are left to <see cref="DigitRuns"/>, which keeps their shape.
/// </summary>
internal static class SpacedCharacters
{
    private const int MinimumRun = 4;

    /// <summary>Joins spaced-out runs; returns <paramref name="input"/> when there is none.</summary>
    public static NormalizedText Apply(NormalizedText input)
    {
        var text = input.Text;
        if (!MayHaveRun(text))
        {
            return input;
        }

        MappedTextBuilder? builder = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsSingle(text, i))
            {
                i++;
                continue;
            }

            // Extend the run: single, space, single, space, ...
            var end = i + 1;
            var count = 1;
            var letters = char.IsLetter(text[i]) ? 1 : 0;
            while (end + 1 < text.Length && text[end] == ' ' && IsSingle(text, end + 1))
            {
                end += 2;
                count++;
                letters += char.IsLetter(text[end - 1]) ? 1 : 0;
            }

            if (count >= MinimumRun && letters >= 2)
            {
                builder ??= new MappedTextBuilder(input);
                builder.Copy(copied, i);
                for (var k = i; k < end; k += 2)
                {
                    builder.Append(text[k], k, k + 1);
                }

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
    /// A run of <see cref="MinimumRun"/> (four) singles, "a b c d", has a space after its first, second and third single: three
    /// spaces two characters apart. A text without them has no run, so the reading character by character is skipped.
    /// </summary>
    private static bool MayHaveRun(string text)
    {
        for (var p = text.IndexOf(' ', StringComparison.Ordinal); p >= 0 && p + 4 < text.Length; p = text.IndexOf(' ', p + 1))
        {
            if (text[p + 2] == ' ' && text[p + 4] == ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when text[i] is a lone letter, digit or address punctuation between spaces (or the text's edges).</summary>
    private static bool IsSingle(string text, int i)
    {
        var c = text[i];
        if (!(char.IsLetterOrDigit(c) || c is '@' or '.' or '_' or '-' or '+'))
        {
            return false;
        }

        var before = i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is ':' or '(' or '"' or '\'';
        var after = i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is ',' or ')' or '"' or '\'' or '!' or '?'
            || (text[i + 1] == '.' && (i + 2 == text.Length || char.IsWhiteSpace(text[i + 2])));
        return before && after;
    }
}
