namespace SupportShield.Detection.Engine;

/// <summary>Always the same engine.</summary>
public sealed class FixedDetectionEngineSource : IDetectionEngineSource
{
    public FixedDetectionEngineSource(DetectionEngine engine)
    {
        Current = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    public DetectionEngine Current { get; }
}
