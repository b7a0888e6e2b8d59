using System.Buffers;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds secrets stated in a message: "password is X", "my pin is 1234", "code: 123456", "security answer is X", "maiden name is X".
/// The span is the secret itself; the cue words stay outside.
/// </summary>
public sealed class PasswordOrSecretRecognizer : PatternRecognizer
{
    private const string Open = @"[""'“‘`]?";
    private const string Is = @"\s*(?:is|was|=|:|-|would be|will be|should be)\s*(?:now\s+|still\s+|just\s+)?";

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("password", RegexDefaults.Create(
            @"\b(?:pass(?:word|code|phrase)|pwd|passwd|pw)(?:\s+(?:for|on|to)\s+(?:my|the)\s+\w+)?" + Is + Open + @"(?<value>[^\s""'“”‘’`]{2,63}[^\s""'“”‘’`.,;:!?)])[""'”’`]?(?=[\s.,;:!?)]|$)", true),
            0.8, "secret.password"),
        new("pin", RegexDefaults.Create(
            @"\bpin(?:\s+(?:code|number|no\.?))?\s*(?:#\s*)?(?:is|was|=|:|-|would be)?\s*(?<value>\d{4,8})(?![\d-])", true),
            0.8, "secret.pin"),
        new("code", RegexDefaults.Create(
            @"(?<!\b(?:zip|postal|post|area|promo|promotional|discount|country|tracking|error|sort|swift|bank|reference|coupon|voucher|gift|dial|product|status|color|colour|tax|qr|bar|source|dress|zone)\s+)\b(?:(?:verification|security|one[- ]time|confirmation|access|auth(?:entication)?|2fa|otp|sms|login|reset|authorization)\s+)?code" + Is + Open + @"(?<value>\d{4,8}|(?=[A-Z]*\d)[A-Z0-9]{5,10})[""'”’`]?(?![\w-])", false),
            0.75, "secret.code"),
        new("qualified-code", RegexDefaults.Create(
            @"\b(?:verification|security|one[- ]time|confirmation|2fa|otp|sms|login|authentication)\s+(?:code|pin)\s+(?<value>\d{4,8})(?![\w-])", true),
            0.75, "secret.code"),
        new("otp", RegexDefaults.Create(@"\b(?:otp|cvv|cvc|cvv2)\s*(?:code\s*)?(?:is|was|=|:|-)?\s*(?<value>\d{3,8})(?![\w-])", true), 0.8, "secret.code"),
        new("security-answer", RegexDefaults.Create(
            @"\b(?:(?:security|secret)\s+(?:question\s+)?answer|answer\s+to\s+(?:my|the)\s+(?:security|secret)\s+question|mother'?s\s+maiden\s+name)" + Is + Open + @"(?<value>[\p{L}\p{N}][\p{L}\p{N}'’ -]{0,38}?)[""'”’`]?(?=\s*(?:[.,;!?\n]|$))", true),
            0.8, "secret.security-answer"),
    ];

    private static readonly HashSet<string> NotSecrets = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "wrong", "incorrect", "invalid", "expired", "the", "a", "an", "my", "your", "working", "correct", "changed", "reset", "locked",
        "too", "being", "going", "required", "needed", "forgotten", "lost", "stolen", "same", "different", "new", "old", "right", "ok", "okay",
        "fine", "blocked", "disabled", "sent", "no", "yes", "in", "on", "at", "for", "that", "this", "it", "what", "which", "there", "here",
        "something", "nothing", "long", "short", "case", "also", "now", "still", "just", "very", "so", "because", "and", "or", "but", "of", "to",
        "protected", "compromised", "hacked", "weak", "strong", "accepted", "rejected", "unknown", "missing", "empty", "set", "saved", "updated",
    };

    /// <summary>Every pattern spells one of these cues, so a text without any is skipped.</summary>
    private static readonly SearchValues<string> Cues =
        SearchValues.Create(["pass", "pw", "pin", "code", "otp", "cvv", "cvc", "answer", "maiden"], StringComparison.OrdinalIgnoreCase);

    public PasswordOrSecretRecognizer()
        : base(EntityType.PasswordOrSecret, DefaultPatterns, [])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => text.AsSpan().IndexOfAny(Cues) >= 0;

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        var first = value.Split(' ', 2)[0].TrimEnd('.', ',', '!', '?');
        return NotSecrets.Contains(first) || value.Length == 0;
    }
}
