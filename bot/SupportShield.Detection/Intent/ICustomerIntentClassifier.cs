using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Intent;

/// <summary>Classifies a customer's message: a request for data on file, a contact change, volunteered data, or none.</summary>
public interface ICustomerIntentClassifier
{
    /// <summary>Classifies <paramref name="text"/>, finding the personal data in it as needed.</summary>
    IntentResult Classify(string text);

    /// <summary>
    /// Classifies <paramref name="text"/> given the personal data already found in it (offsets into <paramref name="text"/>),
    /// so that the engine does not scan the message twice. By default the findings are ignored.
    /// </summary>
    IntentResult Classify(string text, IReadOnlyList<Finding> findings) => Classify(text);
}
