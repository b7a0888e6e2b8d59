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
        var found = new List<string>();
        foreach (var word in words)
        {
            if (ContainsWord(window, word))
            {
                found.Add(word);
            }
        }

        return found;
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
