namespace SupportShield.Detection.Rules;

/// <summary>The <c>types</c> entry of one entity type: whether it is reported and its minimum score.</summary>
/// <param name="Enabled">False drops every finding of the type.</param>
/// <param name="Threshold">Minimum score for the type, or null for the file's global threshold.</param>
public sealed record TypeRule(bool Enabled, double? Threshold);
