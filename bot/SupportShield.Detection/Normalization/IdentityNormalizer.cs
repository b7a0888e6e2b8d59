namespace SupportShield.Detection.Normalization;

/// <summary>Leaves the text as it is.</summary>
public sealed class IdentityNormalizer : ITextNormalizer
{
    public static IdentityNormalizer Instance { get; } = new();

    public NormalizedText Normalize(string text) => NormalizedText.Identity(text);
}
