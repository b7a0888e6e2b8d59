using System.Text.RegularExpressions;

namespace SupportShield.Detection.Rules;

/// <summary>
/// Compiles expressions from a rules file so that none can stall the pipeline: the linear-time engine when the expression
/// allows it, otherwise the backtracking engine with a short match timeout (the recognizer gives up on that message).
/// </summary>
internal static class RuleRegex
{
    /// <summary>Time-out of one match attempt of an expression that needs backtracking (lookarounds, backreferences).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> when it is not a valid expression.</summary>
    public static Regex Compile(string pattern, bool ignoreCase)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking, Timeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options | RegexOptions.Compiled, Timeout);
        }
    }
}
