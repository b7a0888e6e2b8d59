using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace SupportShield.Detection.Recognizers;

/// <summary>Looks for context words (single words or phrases, case-insensitive, whole-word prefix) in a window around a span.</summary>
internal static class ContextScanner
{
    /// <summary>Returns the context words found within <paramref name="before"/> characters before and <paramref name="after"/> after the span.</summary>
    public static IReadOnlyList<string> Find(string text, int start, int end, IReadOnlyList<string> words, int before = 48, int after = 24)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var from = Math.Max(0, start - before);
        var to = Math.Min(text.Length, end + after);
        // The window is built on the stack: this runs for every candidate, most of which have no context word.
        var length = (start - from) + 1 + (to - end);
        char[]? rented = null;
        var window = length <= 256 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        text.AsSpan(from, start - from).CopyTo(window);
        window[start - from] = ' ';
        text.AsSpan(end, to - end).CopyTo(window[(start - from + 1)..]);
        List<string>? found = null;
        // Most candidates have no context word: one multi-word search of the window rules them all out at once. For ASCII words
        // it finds a word wherever the per-word search below would; a window with a character that ignoring case could equate
        // with an ASCII letter (the Kelvin sign, the dotless i, the long s) takes the long way, so no case-folding subtlety can
        // make the two readings differ.
        var mayHaveWord = Prefilter(words) is not { } any || window.ContainsAny(TextScan.AsciiCaseLookalikes) || AnyAtWordStart(window, any);
        for (var w = 0; mayHaveWord && w < words.Count; w++)
        {
            if (ContainsWord(window, words[w]))
            {
                (found ??= []).Add(words[w]);
            }
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    // One search per word list. The lists are the recognizers' own (fields or static arrays built once), so the table stays small.
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, SearchValues<string>?> Prefilters = [];

    /// <summary>The multi-word search for <paramref name="words"/>, or null when a word is not ASCII (no prefilter then).</summary>
    private static SearchValues<string>? Prefilter(IReadOnlyList<string> words) =>
        Prefilters.GetValue(words, static list => list.All(static w => w.Length > 0 && Ascii.IsValid(w)) ? Create(list) : null);

    private static bool AnyAtWordStart(ReadOnlySpan<char> window, SearchValues<string> words)
    {
        var at = 0;
        while (at < window.Length)
        {
            var index = window[at..].IndexOfAny(words);
            if (index < 0)
            {
                return false;
            }

            var position = at + index;
            if (position == 0 || !char.IsLetterOrDigit(window[position - 1]))
            {
                return true;
            }

            at = position + 1;
        }

        return false;
    }

    /// <summary>A search for <paramref name="words"/> for <see cref="Any"/>.</summary>
    public static SearchValues<string> Create(IReadOnlyList<string> words) => SearchValues.Create([.. words], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when one of <paramref name="words"/> occurs in the same window as <see cref="Find"/> reads, without allocating:
    /// the parts before and after the span are searched separately, each starting at a word boundary.
    /// </summary>
    public static bool Any(string text, int start, int end, SearchValues<string> words, int before = 48, int after = 24)
    {
        var from = Math.Max(0, start - before);
        var to = Math.Min(text.Length, end + after);
        return AnyIn(text, from, start, words) || AnyIn(text, end, to, words);
    }

    private static bool AnyIn(string text, int from, int to, SearchValues<string> words)
    {
        var at = from;
        while (at < to)
        {
            var index = text.AsSpan(at, to - at).IndexOfAny(words);
            if (index < 0)
            {
                return false;
            }

            var position = at + index;
            if (position == from || !char.IsLetterOrDigit(text[position - 1]))
            {
                return true;
            }

            at = position + 1;
        }

        return false;
    }

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="text"/> starting at a word boundary.</summary>
    public static bool ContainsWord(string text, string phrase) => ContainsWord(text.AsSpan(), phrase);

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="text"/> starting at a word boundary.</summary>
    public static bool ContainsWord(ReadOnlySpan<char> text, string phrase)
    {
        var offset = 0;
        while (offset <= text.Length)
        {
            var found = text[offset..].IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            var index = offset + found;
            if (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
            {
                return true;
            }

            offset = index + 1;
        }

        return false;
    }
}
