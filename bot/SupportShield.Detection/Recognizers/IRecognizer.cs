using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>Finds one family of personal data in a text.</summary>
public interface IRecognizer
{
    /// <summary>Name used in explanations.</summary>
    string Name { get; }

    /// <summary>Returns every candidate found in <paramref name="text"/>; overlaps between recognizers are resolved by the detector.</summary>
    IEnumerable<Finding> Recognize(string text, AccountValues? account);
}
