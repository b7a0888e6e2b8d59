using System.Buffers;

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
        var window = string.Concat(text.AsSpan(from, start - from), " ", text.AsSpan(end, to - end));
        List<string>? found = null;
        foreach (var word in words)
        {
            if (ContainsWord(window, word))
            {
                (found ??= []).Add(word);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
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
    public static bool ContainsWord(string text, string phrase)
    {
        var index = 0;
        while ((index = text.IndexOf(phrase, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            if (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
            {
                return true;
            }

            index++;
        }

        return false;
    }
}
