namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>The customer intent of a tested message.</summary>
/// <param name="Intent">REQUEST_PII, CHANGE_CONTACT, PROVIDE_PII or NONE.</param>
/// <param name="Fields">Fields asked about or to be changed.</param>
/// <param name="Rule">The intent rule that decided.</param>
/// <param name="Explanation">Why, in words.</param>
public sealed record IntentView(string Intent, IReadOnlyList<string> Fields, string Rule, string Explanation);
