using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection;

/// <summary>How a <see cref="PiiDetector"/> is put together: each stage of its pipeline in one place.</summary>
public sealed record DetectorOptions
{
    /// <summary>
    /// Stage 1: normalisation (evasion undone, offsets mapped back). When it changes the text, the recognizers read both the
    /// original and the normalised text and the findings are merged.
    /// </summary>
    public ITextNormalizer Normalizer { get; init; } = TextNormalizer.Instance;

    /// <summary>Stage 2: the recognizers run on every text (the account recognizer is added when an account is given).</summary>
    public IReadOnlyList<IRecognizer> Recognizers { get; init; } = PiiDetector.DefaultRecognizers();

    /// <summary>Stage 3: minimum score of a finding.</summary>
    public double Threshold { get; init; } = PiiDetector.DefaultThreshold;

    /// <summary>Stage 3: per-type minimum scores that override <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<EntityType, double> TypeThresholds { get; init; } = new Dictionary<EntityType, double>();

    /// <summary>Stage 3: types that are never reported.</summary>
    public IReadOnlySet<EntityType> DisabledTypes { get; init; } = new HashSet<EntityType>();

    /// <summary>Stage 4: filters such as the allow-list; a finding any filter rejects is dropped.</summary>
    public IReadOnlyList<IFindingFilter> Filters { get; init; } = [];

    /// <summary>The minimum score for <paramref name="type"/>.</summary>
    public double ThresholdFor(EntityType type) => TypeThresholds.TryGetValue(type, out var value) ? value : Threshold;
}
