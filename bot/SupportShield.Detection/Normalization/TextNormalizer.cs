namespace SupportShield.Detection.Normalization;

/// <summary>
/// Undoes the usual ways of writing personal data past a pattern matcher: compatibility and full-width forms, invisible
/// characters, text spaced out one character at a time, spelled-out email addresses, and digit runs with odd separators,
/// spelled digits or look-alike letters. Every normalised character maps back to the original characters it came from.
/// A text with nothing to undo comes back as <see cref="NormalizedText.Identity(string)"/>.
/// </summary>
public sealed class TextNormalizer : ITextNormalizer
{
    /// <summary>A shared instance; the normaliser has no state.</summary>
    public static TextNormalizer Instance { get; } = new();

    /// <inheritdoc />
    public NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = NormalizedText.Identity(text);
        if (text.Length == 0)
        {
            return result;
        }

        result = CharacterFolding.Apply(result);
        result = SpacedCharacters.Apply(result);
        result = EmailWords.Apply(result);
        return DigitRuns.Apply(result);
    }
}
