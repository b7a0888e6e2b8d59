using SupportShield.Detection.Rules;

namespace SupportShield.Bot.Rules;

/// <summary>Which rules are in force and what went wrong with the last attempt to change them.</summary>
/// <param name="Source">The file the rules in force came from, or the bundled default.</param>
/// <param name="LoadedAt">When the rules in force were loaded.</param>
/// <param name="Watching">True when the file is watched for changes.</param>
/// <param name="LastErrors">The problems of the last rejected edit; empty when the file on disk is the one in force.</param>
/// <param name="LastErrorAt">When that edit was rejected, or null.</param>
/// <param name="LastReadError">Why the file could not be read at the last attempt (exception type and message), or null.</param>
public sealed record RulesStatus(
    string Source,
    DateTimeOffset LoadedAt,
    bool Watching,
    IReadOnlyList<RulesError> LastErrors,
    DateTimeOffset? LastErrorAt = null,
    string? LastReadError = null)
{
    /// <summary>The SHA-256 (hex) of the text of the rules in force: their version, as the ops console and audit log show it.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>True when the file on disk was rejected or could not be read, so the rules in force are older than it.</summary>
    public bool HasErrors => LastErrors.Count > 0 || LastReadError is not null;
}
