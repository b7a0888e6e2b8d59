using System.Text.RegularExpressions;
using SupportShield.Middleware.Verification;

namespace SupportShield.Dialogs.Verification;

/// <summary>Reads a customer's request to get the code another way ("send it by text instead", "email it to me").</summary>
public sealed partial record FactorRequest(FactorRequestKind Kind, VerificationFactor? Factor = null)
{
    /// <summary>Nothing about the code's destination.</summary>
    public static FactorRequest None { get; } = new(FactorRequestKind.None);

    /// <summary>What <paramref name="text"/> asks. Any contact typed in it, or a new or different contact, makes it a redirect.</summary>
    public static FactorRequest Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300)
        {
            return None;
        }

        var sms = SmsPattern().IsMatch(text);
        var email = EmailPattern().IsMatch(text);
        var typedContact = text.Contains('@', StringComparison.Ordinal) || text.Count(char.IsAsciiDigit) >= 7;
        if (typedContact || OtherContactPattern().IsMatch(text))
        {
            // Only contacts on file ever get a code; asking for another one is refused, whatever else is asked.
            return sms || email || SendPattern().IsMatch(text) ? new FactorRequest(FactorRequestKind.Redirect) : None;
        }

        // "I got the text message but no code" names a factor without asking for anything.
        if (!AskPattern().IsMatch(text))
        {
            return None;
        }

        return (sms, email) switch
        {
            (true, false) => new FactorRequest(FactorRequestKind.Switch, VerificationFactor.Sms),
            (false, true) => new FactorRequest(FactorRequestKind.Switch, VerificationFactor.Email),
            _ => None,
        };
    }

    [GeneratedRegex(@"\b(?:(?:by|via|over|through|as\s+an?|in\s+an?)\s+(?:text|sms|txt|phone|mobile)|text\s+(?:it|me|the\s+code)|sms|text\s+message|send\b.{0,30}\b(?:to|on)\s+my\s+(?:phone|mobile|cell))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SmsPattern();

    [GeneratedRegex(@"\b(?:(?:by|via|over|through|as\s+an?|in\s+an?)\s+e-?mail|e-?mail\s+(?:it|me|the\s+code)|send\b.{0,30}\bto\s+my\s+(?:e-?mail|inbox))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:new|different|another|other|alternate|alternative|updated|current|work|personal|second|backup)\s+(?:e-?mail|address|number|phone|mobile|cell|inbox)\b|\bto\s+(?:this|that|the\s+following)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex OtherContactPattern();

    [GeneratedRegex(@"\b(?:send|resend|text\s+(?:it|me)|e-?mail\s+(?:it|me)|instead|rather|prefer|switch|use|get\s+it|can|could|would|please|want|try)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AskPattern();

    [GeneratedRegex(@"\b(?:send|text|e-?mail|mail|resend|forward)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SendPattern();
}
