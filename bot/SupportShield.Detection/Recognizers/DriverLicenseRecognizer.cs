using System.Buffers;
using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds driving licence numbers. The UK DVLA number (5 surname characters, 6 digits encoding decade, month (+50 for women), day
/// and year, 2 initials, a digit and 2 check letters) is a finding on its own when its date parts are valid. US state formats
/// (letters and digits, 5 to 20 characters with at least 4 digits, dashes allowed) and the Italian format need a context word
/// (driver's license, DL, licence, patente); licence plates and software keys are not licences.
/// </summary>
public sealed class DriverLicenseRecognizer : PatternRecognizer
{
    /// <summary>The context word opens the state and Italian patterns, so texts without it are skipped by the regex prefix search.</summary>
    private const string Cue = @"\b(?:driv(?:er|ing|ers)|licen[cs]e|dl|dmv|permit|patente)\w*[^\n]{0,30}?(?<![\w-])";

    // The start of every word Cue matches: an ASCII text without one of them cannot hold a cued licence number.
    private static readonly SearchValues<string> CueWords = TextScan.Words("driv", "licen", "dl", "dmv", "permit", "patente");
    private static readonly Func<string, bool> HasCue = static t => TextScan.MayHaveWord(t, CueWords);

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("uk-dvla", RegexDefaults.Create(@"(?<![\w-])(?<value>[A-Za-z][A-Za-z9]{4}\d{6}[A-Za-z9]{2}\d[A-Za-z]{2})(?![\w-])"), 0.85, "driver-license.uk") { MayMatch = static t => TextScan.HasDigitRun(t, 6) },
        new("it", RegexDefaults.Create(Cue + @"(?<value>[A-Za-z]{2}\d{7}[A-Za-z]|[Uu]1[A-Za-z0-9]{7}[A-Za-z])(?![\w-])", true), 0.15, "driver-license.it") { MayMatch = HasCue },
        new("us", RegexDefaults.Create(Cue + @"(?<value>(?=(?:[A-Za-z-]*\d){4})[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){4,19})(?![\w-])", true), 0.1, "driver-license.us") { MayMatch = HasCue },
    ];

    private static readonly Regex NotLicence = RegexDefaults.Create(@"\b(?:plate|key|software|product|serial|activation|tag\s+number|registration)\b", true);

    public DriverLicenseRecognizer()
        : base(EntityType.DriverLicense, DefaultPatterns, ["driver", "driving", "drivers", "licence", "license", "dl", "dl#", "dmv", "permit", "patente"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 4);

    /// <inheritdoc />
    protected override double ContextBoost => 0.7;

    /// <inheritdoc />
    protected override PatternValidation? Validate(string value, RecognizerPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Name != "uk-dvla")
        {
            return null;
        }

        return IsValidDvla(value) ? new PatternValidation(true, "dvla:date-pass", pattern.Score, "driver-license.uk") : PatternValidation.Fail("dvla:date-fail");
    }

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(text);
        var from = Math.Max(0, start - 40);
        var to = Math.Min(text.Length, finish + 16);
        return NotLicence.IsMatch(text.AsSpan(from, to - from).ToString());
    }

    /// <summary>True for a 16-character DVLA number whose surname part pads with 9s only at the end and whose month and day are valid.</summary>
    public static bool IsValidDvla(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 16)
        {
            return false;
        }

        var padded = false;
        for (var i = 0; i < 5; i++)
        {
            var nine = value[i] == '9';
            if ((padded && !nine) || (!nine && !char.IsAsciiLetter(value[i])))
            {
                return false;
            }

            padded |= nine;
        }

        for (var i = 5; i < 11; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        var month = ((value[6] - '0') * 10) + (value[7] - '0');
        var day = ((value[8] - '0') * 10) + (value[9] - '0');
        return (month is (>= 1 and <= 12) or (>= 51 and <= 62)) && day is >= 1 and <= 31;
    }
}
