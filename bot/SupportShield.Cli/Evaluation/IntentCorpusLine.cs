namespace SupportShield.Cli.Evaluation;

/// <summary>One line of an intent corpus such as <c>intents.dev.jsonl</c>: <c>{"id", "role", "text", "label"}</c>.</summary>
/// <param name="Id">The line's id.</param>
/// <param name="Role">customer, agent or bot; a line without a role counts as customer.</param>
/// <param name="Text">The message.</param>
/// <param name="Label">The gold label: REQUEST_PII, CHANGE_CONTACT, PROVIDE_PII or NONE.</param>
public sealed record IntentCorpusLine(string Id, string Role, string Text, string Label);
