namespace SupportShield.Detection.Intent;

/// <summary>Wire names of customer intents, as in the intent corpus and the ops API: REQUEST_PII, CHANGE_CONTACT, PROVIDE_PII, NONE.</summary>
public static class CustomerIntentNames
{
    /// <summary>Every name, strongest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["REQUEST_PII", "CHANGE_CONTACT", "PROVIDE_PII", "NONE"];

    /// <summary>The wire name of <paramref name="intent"/>.</summary>
    public static string Of(CustomerIntent intent) => intent switch
    {
        CustomerIntent.RequestPii => "REQUEST_PII",
        CustomerIntent.ChangeContact => "CHANGE_CONTACT",
        CustomerIntent.ProvidePii => "PROVIDE_PII",
        _ => "NONE",
    };
}
