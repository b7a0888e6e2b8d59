using System.Text;

namespace SupportShield.Detection.Normalization;

/// <summary>
/// Stage 1: one character at a time, drops invisible characters (zero-width, soft hyphen, bidi controls) and folds
/// compatibility forms (full-width, superscript, circled and mathematical digits and letters, other scripts' decimal digits,
/// Unicode dashes and spaces) to their plain ASCII form.
/// </summary>
internal static class CharacterFolding
{
    /// <summary>Folds <paramref name="input"/>; returns it unchanged when no character needs folding.</summary>
    public static NormalizedText Apply(NormalizedText input)
    {
        var text = input.Text;
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] >= 0x80 && NeedsFolding(text, i))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return input;
        }

        var builder = new MappedTextBuilder(input);
        builder.Copy(0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                builder.Append(c, i, i + 1);
                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            var simple = Simple(c);
            if (simple != '\0')
            {
                builder.Append(simple, i, i + 1);
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (IsCompatibility(text, i))
            {
                // Rare characters: the allocation of a one-character normalisation is acceptable here.
                var folded = text.Substring(i, width).Normalize(NormalizationForm.FormKC);
                foreach (var f in folded)
                {
                    builder.Append(f, i, i + width);
                }
            }
            else
            {
                builder.Copy(i, i + width);
            }

            i += width - 1;
        }

        return builder.Build();
    }

    private static bool NeedsFolding(string text, int i)
    {
        var c = text[i];
        return IsInvisible(c) || Simple(c) != '\0' || IsCompatibility(text, i);
    }

    /// <summary>Characters a sender can slip between digits or letters without them showing.</summary>
    internal static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069') or '\uFEFF';

    /// <summary>The ASCII stand-in of a dash, space, dot, at sign or decimal digit of another script; '\0' when none.</summary>
    private static char Simple(char c)
    {
        switch (c)
        {
            case >= '\uFF01' and <= '\uFF5E':
                return (char)(c - 0xFEE0);
            case '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000' or '\u1680':
                return ' ';
            case (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE58' or '\uFE63' or '\u2043':
                return '-';
            case '\u2024' or '\u3002' or '\uFF61' or '\uFE52' or '\u2E33':
                return '.';
            case '\uFE6B':
                return '@';
            case '\u2044' or '\u2215':
                return '/';
        }

        if (char.IsDigit(c))
        {
            var value = (int)char.GetNumericValue(c);
            return value is >= 0 and <= 9 ? (char)('0' + value) : '\0';
        }

        return '\0';
    }

    /// <summary>Superscript, subscript, circled, parenthesised and mathematical forms whose NFKC form is plain ASCII.</summary>
    private static bool IsCompatibility(string text, int i)
    {
        var c = text[i];
        if (c is '\u00B2' or '\u00B3' or '\u00B9' or (>= '\u2070' and <= '\u209C') or (>= '\u2460' and <= '\u24FF') or (>= '\u2776' and <= '\u2793'))
        {
            return true;
        }

        // Mathematical alphanumerics (U+1D400..U+1D7FF) are written as surrogate pairs D835 DC00..DFFF.
        return c == '\uD835' && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
    }
}
