using System.Text.RegularExpressions;

namespace SupportShield.Detection.Recognizers;

/// <summary>Options and time-out shared by every expression of the engine, so that no input can make a match run for long.</summary>
internal static class RegexDefaults
{
    /// <summary>
    /// Time-out of one match attempt. The engine's expressions match in microseconds; the bound is there for inputs nobody
    /// foresaw. It is generous because wall-clock time includes time the thread spends descheduled on a busy machine, and a
    /// match cut short by load alone must not lose a finding.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    public const RegexOptions IgnoreCase = Options | RegexOptions.IgnoreCase;

    /// <summary>
    /// Builds a compiled, culture-invariant expression with the shared time-out, and runs it once on an empty text: a
    /// compiled expression's code is generated on its first match, and on a busy machine that one-off cost (seconds, for
    /// the largest phone-metadata patterns) must not be spent inside a real match's time-out.
    /// </summary>
    public static Regex Create(string pattern, bool ignoreCase = false)
    {
        var regex = new Regex(pattern, ignoreCase ? IgnoreCase : Options, Timeout);
        try
        {
            regex.IsMatch(string.Empty);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only the warm-up ran out of time; real matches run on the code it generated.
        }

        return regex;
    }
}
