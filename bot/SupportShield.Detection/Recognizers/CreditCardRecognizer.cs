using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds full payment card numbers: 12 to 19 digits, whole or grouped with spaces or dashes, that pass Luhn and start with an issuer prefix.
/// Well-known test numbers (4111 1111 1111 1111) are still findings.
/// </summary>
public sealed class CreditCardRecognizer : PatternRecognizer
{
    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("digits", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{12,19}(?![\p{L}\d]|[.,]\d)"), 0.3, "credit-card.pattern") { MayMatch = static t => TextScan.HasDigitRun(t, 12) },
        new("grouped-4", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{4}(?<sep>[ -])\d{4}\k<sep>\d{4}(?:\k<sep>\d{1,4}){0,2}(?!\d|\k<sep>\d)"), 0.3, "credit-card.pattern") { MayMatch = static t => TextScan.HasDigitRuns(t, 4, 3) },
        new("grouped-4-6-5", RegexDefaults.Create(@"(?<![\p{L}\d.,-])\d{4}(?<sep>[ -])\d{6}\k<sep>\d{4,5}(?!\d|\k<sep>\d)"), 0.3, "credit-card.pattern") { MayMatch = static t => TextScan.HasDigitRun(t, 6) },
    ];

    public CreditCardRecognizer()
        : base(EntityType.CreditCard, DefaultPatterns, ["card", "credit", "debit", "visa", "mastercard", "amex", "cc"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 12);

    /// <inheritdoc />
    protected override PatternValidation? Validate(string value, RecognizerPattern pattern)
    {
        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        if (!PassesLuhn(digits))
        {
            return PatternValidation.Fail("luhn:fail");
        }

        var issuer = Issuer(digits);
        return issuer is null
            ? PatternValidation.Fail("luhn:pass;issuer:none")
            : new PatternValidation(true, $"luhn:pass;issuer:{issuer}", 1.0, "credit-card.luhn");
    }

    /// <summary>True when the digits pass the Luhn (mod 10) checksum.</summary>
    internal static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>The issuer whose prefix range and length fit, or null.</summary>
    internal static string? Issuer(string digits)
    {
        var n = digits.Length;
        int Prefix(int length) => int.Parse(digits.AsSpan(0, length), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (n < 12 || n > 19 || digits.Distinct().Count() == 1)
        {
            return null;
        }

        if (digits[0] == '4' && n >= 13)
        {
            return "visa";
        }

        var p2 = Prefix(2);
        var p3 = Prefix(3);
        var p4 = Prefix(4);
        var p6 = Prefix(6);
        return true switch
        {
            _ when n >= 16 && (p2 is >= 51 and <= 55 || p4 is >= 2221 and <= 2720) => "mastercard",
            _ when n == 15 && p2 is 34 or 37 => "amex",
            _ when n >= 16 && (p4 == 6011 || p3 is >= 644 and <= 649 || p2 == 65 || p6 is >= 622126 and <= 622925) => "discover",
            _ when n >= 16 && p2 == 35 => "jcb",
            _ when n == 15 && p4 is 2131 or 1800 => "jcb",
            _ when n >= 14 && (p3 is >= 300 and <= 305 || p2 is 36 or 38 or 39 || p4 == 3095) => "diners",
            _ when n >= 16 && p2 == 62 => "unionpay",
            _ when p2 is 50 or (>= 56 and <= 69) || p4 == 604 => "maestro",
            _ when n == 15 && digits[0] == '1' => "uatp",
            _ when n >= 16 && p4 is >= 2200 and <= 2204 => "mir",
            _ => null,
        };
    }
}
