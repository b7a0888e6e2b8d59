using SupportShield.Detection.Intent;

namespace SupportShield.Cli.Scanning;

/// <summary>Wire names of customer intents, as in the intent corpus: REQUEST_PII, CHANGE_CONTACT, PROVIDE_PII, NONE.</summary>
public static class IntentNames
{
    /// <summary>Every label, strongest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["REQUEST_PII", "CHANGE_CONTACT", "PROVIDE_PII", "NONE"];

    /// <summary>The wire name of <paramref name="intent"/>.</summary>
    public static string Of(CustomerIntent intent) => intent switch
    {
        CustomerIntent.RequestPii => "REQUEST_PII",
        CustomerIntent.ChangeContact => "CHANGE_CONTACT",
        CustomerIntent.ProvidePii => "PROVIDE_PII",
        _ => "NONE",
    };

    /// <summary>The wire name of an optional intent result; no result (agent and bot messages) is NONE.</summary>
    public static string Of(IntentResult? intent) => intent is null ? "NONE" : Of(intent.Intent);
}
