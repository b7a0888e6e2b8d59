using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// A recognizer of one type that can leave out findings the detector would drop for their score, so that the many
/// low-score candidates (a bare five-digit number, a date without birth context) cost no allocation.
/// </summary>
internal interface IThresholdAwareRecognizer
{
    /// <summary>The type of every finding.</summary>
    EntityType Type { get; }

    /// <summary>As <see cref="IRecognizer.Recognize"/>, without the findings scored below <paramref name="minScore"/>.</summary>
    IEnumerable<Finding> Recognize(string text, AccountValues? account, double minScore);
}
