namespace SupportShield.Detection.Intent;

/// <summary>Classifies a customer's message: a request for data on file, a contact change, volunteered data, or none.</summary>
public interface ICustomerIntentClassifier
{
    IntentResult Classify(string text);
}
