using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection;

/// <summary>The detection engine's entry point: finds personal data in a text.</summary>
public interface IPiiDetector
{
    /// <summary>
    /// Finds personal data in <paramref name="text"/>, including values of <paramref name="account"/> (whole or in part) when given.
    /// Findings do not overlap and are sorted by start offset.
    /// </summary>
    IReadOnlyList<Finding> Detect(string text, AccountValues? account = null);
}
