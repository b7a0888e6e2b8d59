using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;

namespace SupportShield.Detection.Engine;

/// <summary>Finds what only shows across messages: a value split over several, or a confirmation of a guessed value.</summary>
public interface IConversationDetector
{
    /// <summary>Findings in <paramref name="message"/> (offsets into its original text) given the request's history.</summary>
    IEnumerable<Finding> Detect(AnalysisRequest request, NormalizedText message, IReadOnlyList<Finding> messageFindings);
}
