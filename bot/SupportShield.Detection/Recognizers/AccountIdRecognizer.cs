using System.Buffers;
using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds account ids, customer or member numbers and usernames after their cue ("username is rdomingo1", "member id 88291",
/// "customer number A-20931", "account is I8XK8HYWND"), and a message that is nothing but a username-shaped token (letters then digits).
/// </summary>
public sealed class AccountIdRecognizer : PatternRecognizer
{
    private const string Separator = @"(?:\s*(?:is|was|=|:|-|#|no\.?)\s*|\s+)(?:(?:is|it's|its|should\s+be|will\s+be)\s+)?[""'“]?@?";

    private const string Value = @"(?<value>[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?)(?![\w@-])";

    // The start of every cue word of the username and id expressions: an ASCII text without one of them cannot match.
    private static readonly SearchValues<string> UsernameCues = TextScan.Words("user", "login", "screen", "handle", "gamer");
    private static readonly SearchValues<string> IdCues = TextScan.Words("account", "acct", "customer", "client", "member", "loyalty", "subscriber", "profile", "reward");

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new(
            "username",
            RegexDefaults.Create(@"\b(?:user\s?name|user\s?id|login(?:\s?(?:id|name))?|screen\s?name|handle|gamer\s?tag)s?" + Separator + Value, true),
            0.8,
            "account-id.username") { MayMatch = static t => TextScan.MayHaveWord(t, UsernameCues) },
        new(
            "id",
            RegexDefaults.Create(@"\b(?:(?:account|acct|customer|client|member(?:ship)?|loyalty|subscriber|profile|reward(?:s)?)\s?(?:id|number|num|no\.?|#|code)|(?:customer|member|subscriber)\b)" + Separator + Value, true),
            0.75,
            "account-id.id") { MayMatch = static t => TextScan.MayHaveWord(t, IdCues) },
        new("account", RegexDefaults.Create(@"\baccount" + Separator + Value, true), 0.65, "account-id.account"),
        new("lone-username", RegexDefaults.Create(@"^\s*(?<value>[A-Za-z][A-Za-z._]{2,24}\d{1,6})\s*[.!]?\s*$"), 0.5, "account-id.lone"),
        new("lone-code", RegexDefaults.Create(@"^\s*(?<value>(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,14})\s*[.!]?\s*$"), 0.5, "account-id.lone"),
    ];

    private static readonly Regex HasDigit = RegexDefaults.Create(@"\d");

    public AccountIdRecognizer()
        : base(EntityType.AccountId, DefaultPatterns, [])
    {
    }

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(value);
        var word = value.ToLowerInvariant();
        if (NameLists.NotNames.Contains(word) || IsFiller(word))
        {
            return true;
        }

        var hasDigit = HasDigit.IsMatch(value);
        var upper = value.Length >= 6 && !value.Any(char.IsLower);

        // After "account" or an id cue, plain words ("account is locked") are not ids; a username may be letters only.
        // Lower-cased into a stack buffer: the same reading as a lower-cased copy, without the copy.
        var source = text.AsSpan(Math.Max(0, start - 40), Math.Min(40, start));
        Span<char> cue = stackalloc char[40];
        cue = cue[..source.ToLowerInvariant(cue)];
        var usernameCue = cue.Contains("user", StringComparison.Ordinal) || cue.Contains("login", StringComparison.Ordinal)
            || cue.Contains("handle", StringComparison.Ordinal) || cue.Contains("screen", StringComparison.Ordinal) || cue.Contains("tag", StringComparison.Ordinal);
        if (!hasDigit && !upper && !usernameCue)
        {
            return true;
        }

        // Digits only after a bare "account" are left to the bank-account and order recognizers, and dates or amounts are not ids.
        return value.Length < 3 || (!usernameCue && hasDigit && value.Length < 4) || EndsWithPlainEnglish(word);
    }

    private static bool IsFiller(string word) =>
        word is "not" or "wrong" or "incorrect" or "locked" or "blocked" or "suspended" or "hacked" or "closed" or "deleted" or "disabled"
            or "active" or "inactive" or "invalid" or "missing" or "unknown" or "different" or "changed" or "required" or "needed" or "and"
            or "or" or "please" or "email" or "password" or "same" or "fine" or "ok" or "okay" or "there" or "here" or "below" or "above"
            or "attached" or "linked" or "verified" or "compromised" or "information" or "info" or "details" or "settings" or "page"
            or "holder" or "owner" or "balance" or "number" or "id" or "name" or "access" or "open" or "frozen" or "overdrawn";

    private static bool EndsWithPlainEnglish(string word) =>
        word.Length > 4 && word.All(char.IsAsciiLetterLower) && (word.EndsWith("ing", StringComparison.Ordinal) || word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("tion", StringComparison.Ordinal));
}
