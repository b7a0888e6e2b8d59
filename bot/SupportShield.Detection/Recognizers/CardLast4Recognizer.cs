using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds the last four digits of a payment card: "ending in 4242", "last four 4242", "**** 4242", "XXXX-XXXX-XXXX-0005".
/// The span covers the digits and any attached mask; cue words stay outside. A cue about a phone number is not a card.
/// </summary>
public sealed class CardLast4Recognizer : PatternRecognizer
{
    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("masked", RegexDefaults.Create(@"(?<![\w*•#])(?<value>(?:[*xX•#]{4}[ -]?){1,3}\d{4}|[*xX•]{2,}[ -]?\d{4})(?![\d-])"), 0.85, "card-last4.masked"),
        new("ending-in", RegexDefaults.Create(@"\b(?:ending|ends|end|ended)\s+(?:in|with)\s*:?\s*(?:#\s*)?(?<value>\d{4})(?![\d-]|[.,]\d)", true), 0.6, "card-last4.ending-in"),
        new("last-four", RegexDefaults.Create(@"\blast\s+(?:4|four)(?:\s+(?:digits|numbers|nums))?(?:\s+(?:of|on|for)\s+(?:my|the|your|this)\s+(?:\w+\s+)?card)?\s*(?:is|are|were|:|=|-|being)?\s*(?<value>\d{4})(?![\d-]|[.,]\d)", true), 0.6, "card-last4.last-four"),
    ];

    private static readonly string[] PhoneWords = ["phone", "mobile", "cell", "telephone", "tel", "landline", "ssn", "social security", "account number", "routing"];
    private static readonly string[] CardWords = ["card", "visa", "mastercard", "amex", "debit", "credit"];

    public CardLast4Recognizer()
        : base(EntityType.CardLast4, DefaultPatterns, CardWords)
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => TextScan.HasDigits(text, 4);

    /// <inheritdoc />
    protected override double ContextBoost => 0.25;

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish) =>
        ContextScanner.Find(text, start, finish, PhoneWords, before: 40, after: 10).Count > 0
        && ContextScanner.Find(text, start, finish, CardWords, before: 40, after: 10).Count == 0;
}
