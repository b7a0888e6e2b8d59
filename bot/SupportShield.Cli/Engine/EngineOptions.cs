namespace SupportShield.Cli.Engine;

/// <summary>What the command line says about the engine to build.</summary>
/// <param name="RulesPath">A rules file that replaces or extends the default configuration, or null for the defaults.</param>
public sealed record EngineOptions(string? RulesPath = null);
