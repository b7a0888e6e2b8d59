using SupportShield.Detection.Intent;

namespace SupportShield.Cli.Scanning;

/// <summary>Wire names of customer intents, as in the intent corpus: REQUEST_PII, CHANGE_CONTACT, PROVIDE_PII, NONE.</summary>
public static class IntentNames
{
    /// <summary>Every label, strongest first.</summary>
    public static IReadOnlyList<string> All => CustomerIntentNames.All;

    /// <summary>The wire name of <paramref name="intent"/>.</summary>
    public static string Of(CustomerIntent intent) => CustomerIntentNames.Of(intent);

    /// <summary>The wire name of an optional intent result; no result (agent and bot messages) is NONE.</summary>
    public static string Of(IntentResult? intent) => intent is null ? "NONE" : Of(intent.Intent);
}
