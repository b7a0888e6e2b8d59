using System.Buffers;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// The lengths and first letters of a word list, so that a word that cannot be in the list is rejected before a hash look-up.
/// Built from the list itself: a word it rejects is never in the list (compared ordinally, or ignoring ASCII case).
/// </summary>
internal sealed class WordShapes
{
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly SearchValues<char> _firsts;

    /// <param name="words">The list.</param>
    /// <param name="ignoreCase">True when the list is compared ignoring case: both cases of each first letter are accepted.</param>
    public WordShapes(IEnumerable<string> words, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(words);
        var firsts = new HashSet<char>();
        _minLength = int.MaxValue;
        foreach (var word in words)
        {
            _minLength = Math.Min(_minLength, word.Length);
            _maxLength = Math.Max(_maxLength, word.Length);
            if (word.Length == 0)
            {
                continue;
            }

            firsts.Add(word[0]);
            if (ignoreCase)
            {
                // Non-ASCII first letters are kept as they are; callers only pass ASCII words when ignoring case.
                firsts.Add(char.ToLowerInvariant(word[0]));
                firsts.Add(char.ToUpperInvariant(word[0]));
            }
        }

        _firsts = SearchValues.Create([.. firsts]);
    }

    /// <summary>False when <paramref name="word"/> has a length or first letter no word of the list has.</summary>
    public bool MayContain(ReadOnlySpan<char> word) =>
        word.Length >= _minLength && word.Length <= _maxLength && (word.Length == 0 || _firsts.Contains(word[0]));
}
