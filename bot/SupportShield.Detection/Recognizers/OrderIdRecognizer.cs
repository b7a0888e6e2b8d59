using System.Buffers;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds order numbers after their cue ("order #3482910", "order number BX-20-4471", "order is 1359201615", "confirmation code K7Q2P").
/// The value needs a digit; years and short counts ("order 2 weeks ago") are not order ids.
/// </summary>
public sealed class OrderIdRecognizer : PatternRecognizer
{
    private const string Separator = @"(?:\s*(?:is|was|=|:|-|#|no\.?)\s*|\s+)(?:(?:is|it's|its|number|#)\s*)?[""'“]?#?";

    private const string Value = @"(?<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9](?:[A-Za-z0-9-]{2,30}[A-Za-z0-9]))(?![\w@-]|[.,]\d)";

    // The cue words each expression starts with: an ASCII text without one of them cannot match it.
    private static readonly SearchValues<string> CuedWords = TextScan.Words("order", "purchase", "confirmation", "invoice", "booking", "reservation");
    private static readonly SearchValues<string> OrderWords = TextScan.Words("order", "purchase", "po");

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new(
            "order-id",
            RegexDefaults.Create(@"\b(?:order|purchase|confirmation|invoice|booking|reservation)\s?(?:id|number|num|no\.?|#|code|ref(?:erence)?)" + Separator + Value, true),
            0.85,
            "order-id.cued") { MayMatch = static t => TextScan.MayHaveWord(t, CuedWords) },
        new("order", RegexDefaults.Create(@"\b(?:order|purchase|po)\s*(?:is|was|:|#)?\s*#?" + Value, true), 0.65, "order-id.order") { MayMatch = static t => TextScan.MayHaveWord(t, OrderWords) },
    ];

    public OrderIdRecognizer()
        : base(EntityType.OrderId, DefaultPatterns, [])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 1);

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish)
    {
        ArgumentNullException.ThrowIfNull(value);
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        // A year ("order in 2023" is not matched, but "order 2023" is) or a count.
        var isYear = value.Length == 4 && digits == 4 && (value.StartsWith("19", StringComparison.Ordinal) || value.StartsWith("20", StringComparison.Ordinal));
        return value.Length < 4 || isYear;
    }
}
