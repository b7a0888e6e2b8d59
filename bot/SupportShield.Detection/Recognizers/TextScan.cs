using System.Buffers;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Cheap checks that let a recognizer skip a text, or one of its expressions, that cannot hold its kind of value. Each is a
/// necessary condition of what it guards: false means no match is possible, true only means the expression is run.
/// </summary>
internal static class TextScan
{
    /// <summary>True when <paramref name="text"/> holds at least <paramref name="count"/> ASCII digits.</summary>
    public static bool HasDigits(string text, int count)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyInRange('0', '9');
        if (first < 0 || span.Length - first < count)
        {
            return false;
        }

        var seen = 0;
        foreach (var c in span[first..])
        {
            if (char.IsAsciiDigit(c) && ++seen >= count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="text"/> has <paramref name="length"/> digits in a row. A digit is what <c>\d</c> matches (any
    /// Unicode decimal digit, <see cref="char.IsDigit(char)"/>), so false rules out an expression that needs <c>\d{length}</c>.
    /// </summary>
    public static bool HasDigitRun(string text, int length)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) || (c > 0x7F && char.IsDigit(c)) ? run + 1 : 0;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> has <paramref name="count"/> separate runs of at least <paramref name="length"/> digits (as <see cref="HasDigitRun"/>).</summary>
    public static bool HasDigitRuns(string text, int length, int count)
    {
        var run = 0;
        var runs = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) || (c > 0x7F && char.IsDigit(c)) ? run + 1 : 0;
            if (run == length && ++runs >= count)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="c"/> occurs at least twice in <paramref name="text"/>.</summary>
    public static bool HasTwo(string text, char c)
    {
        var first = text.IndexOf(c, StringComparison.Ordinal);
        return first >= 0 && text.IndexOf(c, first + 1) >= 0;
    }

    /// <summary>Case-insensitive search values for <see cref="MayHaveWord"/>; the words must be ASCII.</summary>
    public static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The characters a case-insensitive, culture-invariant expression can equate with an ASCII letter: the Kelvin sign (k), and,
    /// to be safe, the Turkish dotted and dotless i and the long s. Checked by running every character through the regex engine.
    /// </summary>
    public static readonly SearchValues<char> AsciiCaseLookalikes = SearchValues.Create("\u0130\u0131\u017F\u212A");

    /// <summary>
    /// False only when <paramref name="text"/> holds none of <paramref name="words"/> (ASCII, case-insensitive, anywhere), so a
    /// case-insensitive expression that needs one of them cannot match. A text with a character such an expression could equate
    /// with an ASCII letter (<see cref="AsciiCaseLookalikes"/>) always may match.
    /// </summary>
    public static bool MayHaveWord(string text, SearchValues<string> words) =>
        text.AsSpan().ContainsAny(words) || text.AsSpan().ContainsAny(AsciiCaseLookalikes);
}
