namespace SupportShield.Bot.OpsConsole.Contracts;

/// <summary>A JSON body carrying a rules text (<c>POST /api/ops/rules/validate</c>, <c>PUT /api/ops/rules</c>); a YAML or plain-text body is taken as the text itself.</summary>
/// <param name="Yaml">The rules file's text.</param>
public sealed record RulesTextBody(string? Yaml);
