namespace SupportShield.Detection.Normalization;

/// <summary>
/// A text after normalisation, with a map back to the original: normalised character <c>i</c> came from original
/// characters <c>[OriginalStart(i), OriginalEnd(i))</c>. Findings are computed on <see cref="Text"/> and reported on
/// <see cref="Original"/>.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    private NormalizedText(string original, string text, int[]? starts, int[]? ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The text as the sender wrote it.</summary>
    public string Original { get; }

    /// <summary>The normalised text the recognizers read.</summary>
    public string Text { get; }

    /// <summary>True when normalisation changed nothing.</summary>
    public bool IsIdentity => _starts is null;

    /// <summary>A normalised text equal to the original.</summary>
    public static NormalizedText Identity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new NormalizedText(text, text, null, null);
    }

    /// <summary>
    /// A normalised text with its map: <paramref name="starts"/>[i] and <paramref name="ends"/>[i] are the original span of
    /// normalised character i. Both arrays have one entry per character of <paramref name="text"/>.
    /// </summary>
    public static NormalizedText Mapped(string original, string text, int[] starts, int[] ends)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        if (starts.Length != text.Length || ends.Length != text.Length)
        {
            throw new ArgumentException("The map needs one entry per normalised character.", nameof(starts));
        }

        return new NormalizedText(original, text, starts, ends);
    }

    /// <summary>Maps a normalised span <c>[start, end)</c> to the original span that produced it.</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (_starts is null || _ends is null)
        {
            return (start, end);
        }

        if (Text.Length == 0)
        {
            return (0, 0);
        }

        var first = Math.Clamp(start, 0, Text.Length - 1);
        var last = Math.Clamp(end - 1, first, Text.Length - 1);
        return (_starts[first], _ends[last]);
    }
}
