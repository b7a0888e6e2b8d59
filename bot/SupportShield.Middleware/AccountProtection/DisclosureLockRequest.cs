using System.Text.RegularExpressions;

namespace SupportShield.Middleware.AccountProtection;

/// <summary>Recognises a customer asking, in the chat, to lock or to lift the lock on chat disclosures of their data.</summary>
public static partial class DisclosureLockRequest
{
    /// <summary>True for "never give out my details over chat", "lock my account against chat disclosures" and the like.</summary>
    public static bool IsLockRequest(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length < 500 && !IsLiftRequest(text) && LockPattern().IsMatch(text);

    /// <summary>True for "lift the chat lock on my account", "remove the chat protection".</summary>
    public static bool IsLiftRequest(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length < 500 && LiftPattern().IsMatch(text);

    [GeneratedRegex(
        @"\b(?:never|don'?t|do\s+not|stop|no\s+more)\b[^.?!]{0,40}\b(?:disclos\w*|shar\w*|giv\w*(?:\s+out)?|reveal\w*|read\w*\s+out|tell\w*)\b[^.?!]{0,40}\b(?:my|our)\s+(?:data|details|info\w*|personal|account)\b[^.?!]{0,40}\b(?:chat|support|messag\w*)"
        + @"|\block\b[^.?!]{0,30}\b(?:my|the)\s+(?:data|details|account|info\w*)\b[^.?!]{0,30}\b(?:chat|support)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex LockPattern();

    [GeneratedRegex(
        @"\b(?:lift|remove|unlock|undo|turn\s+off|cancel)\b[^.?!]{0,30}\b(?:chat\s+)?(?:lock|protection|block)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex LiftPattern();
}
