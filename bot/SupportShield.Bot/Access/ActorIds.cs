using System.Text.RegularExpressions;

namespace SupportShield.Bot.Access;

/// <summary>The form of agent and supervisor ids kept in the audit log as they are: short, and no room for free text.</summary>
public static partial class ActorIds
{
    /// <summary>Longest id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Description = "1 to 100 characters: letters, digits and . _ - @";

    /// <summary>True when <paramref name="id"/> is a valid actor id.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$")]
    private static partial Regex Pattern();
}
