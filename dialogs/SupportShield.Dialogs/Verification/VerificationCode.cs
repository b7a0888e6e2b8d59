using System.Text.RegularExpressions;

namespace SupportShield.Dialogs.Verification;

/// <summary>The shape of a one-time code, and how to find one in what a customer types ("12345678", "1234 5678", "my code is 1234-5678").</summary>
public static partial class VerificationCode
{
    /// <summary>Digits in a code: 8 digits are 26.6 bits of entropy (NIST SP 800-63B asks for at least 20).</summary>
    public const int Length = 8;

    /// <summary>The code in <paramref name="text"/> with separators removed, or null when there is none.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return null;
        }

        var match = CodePattern().Match(text);
        return match.Success ? new string(match.Value.Where(char.IsAsciiDigit).ToArray()) : null;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9](?:[ \-]?[0-9]){7}(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CodePattern();
}
