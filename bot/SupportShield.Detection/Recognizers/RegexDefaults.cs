using System.Text.RegularExpressions;

namespace SupportShield.Detection.Recognizers;

/// <summary>Options and time-out shared by every expression of the engine, so that no input can make a match run for long.</summary>
internal static class RegexDefaults
{
    /// <summary>Time-out of one match attempt.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    public const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    public const RegexOptions IgnoreCase = Options | RegexOptions.IgnoreCase;

    /// <summary>Builds a compiled, culture-invariant expression with the shared time-out.</summary>
    public static Regex Create(string pattern, bool ignoreCase = false) =>
        new(pattern, ignoreCase ? IgnoreCase : Options, Timeout);
}
