using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds a standalone postcode: a US ZIP (five digits, optional +4) only when a context word such as "zip" or "postcode" is near,
/// and a UK postcode in its strict format (outward code letters checked) with or without context.
/// A postcode inside a full address is part of the ADDRESS finding instead.
/// </summary>
public sealed class ZipRecognizer : PatternRecognizer
{
    /// <summary>A UK postcode with the letter restrictions of the Royal Mail format.</summary>
    internal const string UkPostcode =
        @"(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d{2}|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d{2}) ?\d[ABD-HJLNP-UW-Z]{2})";

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("us-zip", RegexDefaults.Create(@"(?<![\w$£€.,-])\d{5}(?:-\d{4})?(?![\w-]|[.,]\d)"), 0.15, "zip.us") { MayMatch = static t => TextScan.HasDigitRun(t, 5) },
        new("numeric-postcode", RegexDefaults.Create(@"(?<![\w$£€.,-])(?:\d{4}(?:\s?[A-Z]{2})?|\d{5}-\d{3}|\d{3}\s\d{2})(?![\w-]|[.,]\d)"), 0.1, "zip.postcode") { MayMatch = static t => TextScan.HasDigitRun(t, 3) },
        new("uk-postcode", RegexDefaults.Create(@"(?<![\w-])" + UkPostcode + @"(?![\w-])"), 0.55, "zip.uk-postcode") { MayMatch = HasDigitAndTwoCapitals },
    ];

    /// <summary>Every UK postcode ends in a digit and two capital letters ("0AA"; the pattern is case-sensitive): without them there is none.</summary>
    private static bool HasDigitAndTwoCapitals(string text)
    {
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (char.IsAsciiLetterUpper(text[i + 1]) && char.IsAsciiLetterUpper(text[i + 2]) && char.IsDigit(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    public ZipRecognizer()
        : base(EntityType.Zip, DefaultPatterns, ["zip", "zipcode", "postcode", "post code", "postal", "postal code"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 1);

    /// <inheritdoc />
    protected override double ContextBoost => 0.45;
}
