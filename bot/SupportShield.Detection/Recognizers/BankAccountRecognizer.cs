using System.Buffers;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds bank account numbers: 6 to 17 digits (single dashes or spaces between groups allowed) after an account cue
/// ("bank account number is", "acct #", "checking", "savings"). A bare run of digits only scores as a candidate below the
/// default threshold; the cue lifts it.
/// </summary>
public sealed class BankAccountRecognizer : PatternRecognizer
{
    private const string Separator = @"(?:\s*(?:is|was|:|=|-|#)\s*|\s+)(?:(?:is|it's|its)\s+)?";

    private const string Digits = @"(?<value>\d(?:[- ]?\d){5,16})(?![\p{L}\d]|[.,-]\d)";

    // Both cued expressions need one of these words: an ASCII text without one of them cannot match either.
    private static readonly SearchValues<string> AccountWords = TextScan.Words("account", "acct", "a/c");
    private static readonly Func<string, bool> HasAccountWord = static t => TextScan.MayHaveWord(t, AccountWords);

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new(
            "bank-cued",
            RegexDefaults.Create(@"\b(?:bank(?:ing)?|checking|chequing|savings|current|deposit)\s+(?:account|acct|a/c)(?:\s*(?:number|num|no\.?|#))?" + Separator + Digits, true),
            0.6,
            "bank-account.cued") { MayMatch = HasAccountWord },
        new(
            "account-cued",
            RegexDefaults.Create(@"\b(?:account\s*(?:number|num|no\.?|#)|acct\.?\s*(?:number|num|no\.?|#)?|a/c(?:\s*(?:number|no\.?|#))?)" + Separator + Digits, true),
            0.5,
            "bank-account.cued") { MayMatch = HasAccountWord },
        new("digits", RegexDefaults.Create(@"(?<![\p{L}\d.,# -])(?<value>\d(?:-?\d){5,16})(?![\p{L}\d]|[., -]\d)"), 0.2, "bank-account.digits"),
    ];

    public BankAccountRecognizer()
        : base(EntityType.BankAccount, DefaultPatterns, ["bank", "checking", "chequing", "savings", "acct", "account number", "routing", "deposit", "wire", "sort code", "ach"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 6);

    /// <inheritdoc />
    protected override double ContextBoost => 0.3;

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = 0;
        var distinct = 0;
        Span<bool> seen = stackalloc bool[10];
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                if (!seen[c - '0'])
                {
                    seen[c - '0'] = true;
                    distinct++;
                }
            }
        }

        return digits is < 6 or > 17 || distinct == 1;
    }
}
