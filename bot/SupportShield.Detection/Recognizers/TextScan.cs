using System.Buffers;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Cheap checks that let a recognizer skip a text, or one of its expressions, that cannot hold its kind of value. Each is a
/// necessary condition of what it guards: false means no match is possible, true only means the expression is run.
/// </summary>
internal static class TextScan
{
    /// <summary>True when <paramref name="text"/> holds at least <paramref name="count"/> ASCII digits.</summary>
    public static bool HasDigits(string text, int count) => DigitProfile.Of(text).AsciiDigits >= Math.Max(count, 1);

    /// <summary>
    /// True when <paramref name="text"/> has <paramref name="length"/> digits in a row. A digit is what <c>\d</c> matches (any
    /// Unicode decimal digit, <see cref="char.IsDigit(char)"/>), so false rules out an expression that needs <c>\d{length}</c>.
    /// </summary>
    public static bool HasDigitRun(string text, int length) =>
        length <= 0 ? text.Length > 0 : DigitProfile.Of(text).LongestRun >= length;

    /// <summary>True when <paramref name="text"/> has <paramref name="count"/> separate runs of at least <paramref name="length"/> digits (as <see cref="HasDigitRun"/>).</summary>
    public static bool HasDigitRuns(string text, int length, int count) =>
        length is > 0 and <= DigitProfile.LongestCountedRun
            ? DigitProfile.Of(text).RunsOfAtLeast(length) >= Math.Max(count, 1)
            : CountDigitRuns(text, length, count);

    private static bool CountDigitRuns(string text, int length, int count)
    {
        var run = 0;
        var runs = 0;
        foreach (var c in text)
        {
            run = IsDigit(c) ? run + 1 : 0;
            if (run == length && ++runs >= count)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c) || (c > 0x7F && char.IsDigit(c));

    /// <summary>
    /// The digits of the last text read on this thread. Most recognizers ask about the digits of the same text before running
    /// their expressions: it is read once per text (a string never changes, so its reference identifies it).
    /// </summary>
    private sealed class DigitProfile
    {
        /// <summary>Runs up to this length are counted per length; longer questions scan the text.</summary>
        public const int LongestCountedRun = 32;

        [ThreadStatic]
        private static DigitProfile? t_last;

        private readonly int[] _runsOfAtLeast = new int[LongestCountedRun + 1];
        private string? _text;

        /// <summary>ASCII digits in the text.</summary>
        public int AsciiDigits { get; private set; }

        /// <summary>The longest run of (Unicode) digits.</summary>
        public int LongestRun { get; private set; }

        /// <summary>Separate runs of at least <paramref name="length"/> digits (1 to <see cref="LongestCountedRun"/>).</summary>
        public int RunsOfAtLeast(int length) => _runsOfAtLeast[length];

        public static DigitProfile Of(string text)
        {
            var profile = t_last ??= new DigitProfile();
            if (!ReferenceEquals(profile._text, text))
            {
                profile.Read(text);
            }

            return profile;
        }

        private void Read(string text)
        {
            Array.Clear(_runsOfAtLeast);
            AsciiDigits = 0;
            LongestRun = 0;
            var run = 0;
            foreach (var c in text)
            {
                if (IsDigit(c))
                {
                    run++;
                    AsciiDigits += char.IsAsciiDigit(c) ? 1 : 0;
                    continue;
                }

                EndRun(run);
                run = 0;
            }

            EndRun(run);
            _text = text;
        }

        private void EndRun(int run)
        {
            LongestRun = Math.Max(LongestRun, run);
            for (var length = Math.Min(run, LongestCountedRun); length > 0; length--)
            {
                _runsOfAtLeast[length]++;
            }
        }
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
