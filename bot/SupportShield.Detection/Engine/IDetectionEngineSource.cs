namespace SupportShield.Detection.Engine;

/// <summary>Gives the engine in force now; rules reloaded by ops replace it without a restart.</summary>
public interface IDetectionEngineSource
{
    DetectionEngine Current { get; }
}
