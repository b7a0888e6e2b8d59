using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Rules;

/// <summary>The checksums a rules file can name (<see cref="RuleValidator"/>).</summary>
internal static class Checksums
{
    /// <summary>True when <paramref name="value"/> passes <paramref name="validator"/>.</summary>
    public static bool Passes(RuleValidator validator, string value) => validator switch
    {
        RuleValidator.Luhn => Luhn(value),
        RuleValidator.Mod97 => Mod97(value),
        RuleValidator.Aba => Aba(value),
        _ => true,
    };

    private static bool Luhn(string value)
    {
        var digits = Digits(value);
        return digits.Length >= 2 && CreditCardRecognizer.PassesLuhn(digits);
    }

    /// <summary>ISO 7064 mod 97-10: the first four characters move to the end, letters count as 10..35, the number mod 97 is 1.</summary>
    private static bool Mod97(string value)
    {
        Span<char> chars = stackalloc char[64];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (n == chars.Length)
                {
                    return false;
                }

                chars[n++] = char.ToUpperInvariant(c);
            }
            else if (c is not (' ' or '-' or '.'))
            {
                return false;
            }
        }

        if (n < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < n; i++)
        {
            var c = chars[(i + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder == 1;
    }

    /// <summary>ABA routing number: nine digits with 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) divisible by 10.</summary>
    private static bool Aba(string value)
    {
        var d = Digits(value);
        if (d.Length != 9)
        {
            return false;
        }

        var sum = (3 * (d[0] + d[3] + d[6] - (3 * '0')))
            + (7 * (d[1] + d[4] + d[7] - (3 * '0')))
            + (d[2] + d[5] + d[8] - (3 * '0'));
        return sum % 10 == 0;
    }

    private static string Digits(string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return string.Create(count, value, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiDigit(c))
                {
                    span[i++] = c;
                }
            }
        });
    }

    /// <summary>The digits of <paramref name="value"/>, for comparisons by digits.</summary>
    public static string DigitsOf(string value) => Digits(value);
}
