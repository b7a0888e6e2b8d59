namespace SupportShield.Detection.Normalization;

/// <summary>Undoes the ways a sender hides data from pattern matching, keeping a map back to the original text.</summary>
public interface ITextNormalizer
{
    NormalizedText Normalize(string text);
}
