using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds US social security numbers: ###-##-#### (dashes, dots or spaces) and, only with context, 9 digits.
/// Impossible areas, groups and serials and well-known sample numbers are dropped.
/// </summary>
public sealed class SsnRecognizer : PatternRecognizer
{
    private static readonly Func<string, bool> HasDash = static t => t.Contains('-', StringComparison.Ordinal);

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("dashed", RegexDefaults.Create(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"), 0.6, "ssn.pattern") { MayMatch = HasDash },
        new("dotted-or-spaced", RegexDefaults.Create(@"(?<![\d.])\d{3}(?<sep>[. ])\d{2}\k<sep>\d{4}(?![\d]|\.\d)"), 0.5, "ssn.pattern") { MayMatch = static t => TextScan.HasDigitRun(t, 4) },
        new("digits", RegexDefaults.Create(@"(?<![\d-])\d{9}(?![\d-])"), 0.2, "ssn.digits-context") { MayMatch = static t => TextScan.HasDigitRun(t, 9) },
        new("partly-dashed", RegexDefaults.Create(@"(?<![\d-])(?:\d{3}-\d{6}|\d{5}-\d{4})(?![\d-])"), 0.2, "ssn.digits-context") { MayMatch = HasDash },
    ];

    private static readonly HashSet<string> KnownSamples = ["078051120", "123456789", "219099999", "457555462", "987654320", "111223333"];

    public SsnRecognizer()
        : base(EntityType.Ssn, DefaultPatterns, ["ssn", "social security", "social", "ss#", "ss #", "tax id", "taxpayer"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 9);

    /// <inheritdoc />
    protected override double ContextBoost => 0.4;

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        if (digits.Length != 9 || KnownSamples.Contains(digits) || digits.Distinct().Count() == 1)
        {
            return true;
        }

        var area = digits[..3];
        return area is "000" or "666" || area[0] == '9' || digits[3..5] == "00" || digits[5..] == "0000";
    }
}
