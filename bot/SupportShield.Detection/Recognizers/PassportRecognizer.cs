using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds passport numbers, only near "passport" or "travel document": US (9 digits, or a letter and 8 digits), UK (9 digits,
/// or 2 letters and 7 digits), India (a letter and 7 digits), and other alphanumerics of 6 to 9 characters with at least 4 digits.
/// Without the context word a candidate stays below the threshold.
/// </summary>
public sealed class PassportRecognizer : PatternRecognizer
{
    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("known-format", RegexDefaults.Create(@"(?<![\w-])(?:\d{9}|[A-Za-z]\d{8}|[A-Za-z]{2}\d{7}|[A-Za-z]\d{7})(?![\w-])"), 0.2, "passport.format"),
        new("alphanumeric", RegexDefaults.Create(@"(?<![\w-])(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{6,9}(?![\w-])"), 0.1, "passport.alphanumeric"),
    ];

    public PassportRecognizer()
        : base(EntityType.Passport, DefaultPatterns, ["passport", "travel document", "travel doc"])
    {
    }

    /// <inheritdoc />
    protected override double ContextBoost => 0.65;

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Cheap gate: no context word anywhere, no finding; dates and phone-like runs are not passports.
        return text.IndexOf("passport", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("travel doc", StringComparison.OrdinalIgnoreCase) < 0;
    }
}
