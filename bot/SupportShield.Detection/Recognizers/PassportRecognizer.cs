using System.Buffers;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds passport numbers, only near "passport" or "travel document": US (9 digits, or a letter and 8 digits), UK (9 digits,
/// or 2 letters and 7 digits), India (a letter and 7 digits), and other alphanumerics of 6 to 9 characters with at least 4 digits.
/// The context word must come before the number ("passport number is ...").
/// </summary>
public sealed class PassportRecognizer : PatternRecognizer
{
    /// <summary>The context word opens every pattern, so texts without it are skipped by the regex prefix search.</summary>
    private const string Cue = @"\b(?:passport|travel\s+doc(?:ument)?)\w*[^\n\d]{0,40}?(?<![\w-])";

    // The start of every word Cue matches: an ASCII text without one of them cannot hold a cued passport number.
    private static readonly SearchValues<string> CueWords = TextScan.Words("passport", "travel");
    private static readonly Func<string, bool> HasCue = static t => TextScan.MayHaveWord(t, CueWords);

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("known-format", RegexDefaults.Create(Cue + @"(?<value>\d{9}|[A-Za-z]\d{8}|[A-Za-z]{2}\d{7}|[A-Za-z]\d{7})(?![\w-])", true), 0.2, "passport.format") { MayMatch = HasCue },
        new("second-of-list", RegexDefaults.Create(Cue + @"[A-Za-z0-9]{6,9}\s*(?:,|and|&|or)\s*(?<value>(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{6,9})(?![\w-])", true), 0.2, "passport.format") { MayMatch = HasCue },
        new("alphanumeric", RegexDefaults.Create(Cue + @"(?<value>(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{6,9})(?![\w-])", true), 0.1, "passport.alphanumeric") { MayMatch = HasCue },
    ];

    public PassportRecognizer()
        : base(EntityType.Passport, DefaultPatterns, ["passport", "travel document", "travel doc"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 4);

    /// <inheritdoc />
    protected override double ContextBoost => 0.65;

}
