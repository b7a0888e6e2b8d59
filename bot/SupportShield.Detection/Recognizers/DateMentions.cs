using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportShield.Detection.Recognizers;

/// <summary>Finds calendar dates written as numbers (03/14/1985, 14.03.1985, 1985-03-14) or with a month name (March 14, 1985; 14 March 1985).</summary>
internal static class DateMentions
{
    private const string Month =
        @"(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    /// <summary>Date patterns; each has groups year, day and either month (a name) or mon (a number).</summary>
    public static readonly (string Name, Regex Regex)[] Patterns =
    [
        ("month-day-year", RegexDefaults.Create(@"(?<![\w/.-])(?<mon>0?[1-9]|1[0-2])(?<sep>[/.-])(?<day>0?[1-9]|[12]\d|3[01])\k<sep>(?<year>(?:19|20)\d{2}|\d{2})(?![\w/-]|\.\d)")),
        ("day-month-year", RegexDefaults.Create(@"(?<![\w/.-])(?<day>0?[1-9]|[12]\d|3[01])(?<sep>[/.-])(?<mon>0?[1-9]|1[0-2])\k<sep>(?<year>(?:19|20)\d{2})(?![\w/-]|\.\d)")),
        ("iso", RegexDefaults.Create(@"(?<![\w/.-])(?<year>(?:19|20)\d{2})-(?<mon>0?[1-9]|1[0-2])-(?<day>0?[1-9]|[12]\d|3[01])(?![\w/:-]|\.\d)")),
        ("month-name-day-year", RegexDefaults.Create(@"(?<![\w])" + Month + @"\s+(?<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?<year>(?:19|20)\d{2})(?!\w)", true)),
        ("day-month-name-year", RegexDefaults.Create(@"(?<![\w])(?<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?[\s-]+" + Month + @",?[\s-]+(?<year>(?:19|20)\d{2})(?!\w)", true)),
    ];

    /// <summary>A date found in a text.</summary>
    public readonly record struct DateMention(int Start, int End, DateOnly Date, string Pattern);

    /// <summary>Every valid date in <paramref name="text"/>, possibly overlapping when two patterns read the same digits.</summary>
    public static IReadOnlyList<DateMention> Find(string text)
    {
        // A list only once a date is found: most texts hold none.
        List<DateMention>? found = null;
        var numeric = HasNumericDateShape(text);

        // Case-insensitive matching can equate a non-ASCII letter with an ASCII one (the Kelvin sign and k), so texts with such a
        // letter always try the month names.
        // Both also need a year, "19" or "20" and two more digits: four digits in a row.
        var named = TextScan.HasDigitRun(text, 4) && TextScan.MayHaveWord(text, MonthNames);
        for (var p = 0; p < Patterns.Length; p++)
        {
            var (name, regex) = Patterns[p];
            if (!(p < FirstNamedPattern ? numeric : named))
            {
                continue;
            }

            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                if (TryRead(m, out var date))
                {
                    (found ??= []).Add(new DateMention(m.Index, m.Index + m.Length, date, name));
                }
            }
        }

        return found ?? (IReadOnlyList<DateMention>)[];
    }

    /// <summary>Patterns from this index on need a month name; the ones before need digits, a separator and digits.</summary>
    private const int FirstNamedPattern = 3;

    private static readonly SearchValues<string> MonthNames = SearchValues.Create(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a digit, a date separator and a digit follow each other, which every numeric date holds.</summary>
    private static bool HasNumericDateShape(string text)
    {
        for (var i = 1; i + 1 < text.Length; i++)
        {
            if (text[i] is '/' or '.' or '-' && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the date of a match of one of <see cref="Patterns"/>.</summary>
    public static bool TryRead(Match match, out DateOnly date)
    {
        date = default;
        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (year < 100)
        {
            year += year <= DateTime.UtcNow.Year % 100 ? 2000 : 1900;
        }

        var day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        int month;
        if (match.Groups["mon"].Success)
        {
            month = int.Parse(match.Groups["mon"].ValueSpan, CultureInfo.InvariantCulture);
        }
        else
        {
            // Lower-cased into a stack buffer: the same reading as a lower-cased copy, without the copy.
            var source = match.Groups["month"].ValueSpan;
            Span<char> name = stackalloc char[16];
            name = name[..source.ToLowerInvariant(name[..Math.Min(source.Length, name.Length)])];
            month = 0;
            for (var p = 0; p < MonthPrefixes.Length && month == 0; p++)
            {
                month = name.StartsWith(MonthPrefixes[p], StringComparison.Ordinal) ? p + 1 : 0;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
}
