using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds US ABA routing transit numbers: 9 digits, whole or written 4-4-1 with dashes, with a valid Federal Reserve prefix
/// (00–12, 21–32, 61–72, 80) and the 3-7-1 checksum. A bare run of 9 digits needs a context word (routing, ABA, RTN, transit) unless it is the whole message;
/// the dashed 4-4-1 form is a finding on its own. UK sort codes (12-34-56) count only next to "sort code".
/// </summary>
public sealed class AbaRoutingNumberRecognizer : PatternRecognizer
{
    private static readonly Func<string, bool> HasDash = static t => t.Contains('-', StringComparison.Ordinal);

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("digits", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{9}(?![\p{L}\d]|[.,-]\d)"), 0.3, "routing.aba") { MayMatch = static t => TextScan.HasDigitRun(t, 9) },
        new("lone-digits", RegexDefaults.Create(@"^\s*(?<value>\d{9})\s*[.!]?\s*$"), 0.5, "routing.aba") { MayMatch = static t => TextScan.HasDigitRun(t, 9) },
        new("dashed-4-4-1", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{4}-\d{4}-\d(?![\p{L}\d]|[.,-]\d)"), 0.6, "routing.aba") { MayMatch = HasDash },
        new("uk-sort-code", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{2}-\d{2}-\d{2}(?![\p{L}\d]|[.,-]\d)"), 0.1, "routing.uk-sort-code") { MayMatch = HasDash },
    ];

    public AbaRoutingNumberRecognizer()
        : base(EntityType.RoutingNumber, DefaultPatterns, ["routing", "aba", "rtn", "transit", "sort code", "sortcode", "wire", "ach", "direct deposit"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 6);

    /// <inheritdoc />
    protected override double ContextBoost => 0.45;

    /// <inheritdoc />
    protected override PatternValidation? Validate(string value, RecognizerPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Name == "uk-sort-code")
        {
            // A sort code has no checksum; it is only reported with "sort code" nearby (see Invalidate).
            return null;
        }

        return IsValid(value) ? new PatternValidation(true, "aba:pass", pattern.Score) : PatternValidation.Fail("aba:fail");
    }

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 8 && !ContextScanner.ContainsWord(Window(text, start), "sort code") && !ContextScanner.ContainsWord(Window(text, start), "sortcode");
    }

    /// <summary>True when the 9 digits (dashes allowed) have a valid prefix and pass the 3-7-1 checksum.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<int> d = stackalloc int[9];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 9)
                {
                    return false;
                }

                d[n++] = c - '0';
            }
        }

        if (n != 9)
        {
            return false;
        }

        var prefix = (d[0] * 10) + d[1];
        if (prefix is not ((>= 0 and <= 12) or (>= 21 and <= 32) or (>= 61 and <= 72) or 80))
        {
            return false;
        }

        var allSame = true;
        for (var i = 1; i < 9; i++)
        {
            allSame &= d[i] == d[0];
        }

        var sum = (3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8];
        return !allSame && sum % 10 == 0;
    }

    private static string Window(string text, int start)
    {
        var from = Math.Max(0, start - 32);
        return text[from..start];
    }
}
