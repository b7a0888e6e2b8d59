using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>Finds email addresses (including punycode domains).</summary>
public sealed class EmailRecognizer : PatternRecognizer
{
    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("email", RegexDefaults.Create(
            @"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9]{2,30})(?![\w-]|\.[A-Za-z0-9])"),
            0.9, "email.pattern"),
    ];

    public EmailRecognizer()
        : base(EntityType.Email, DefaultPatterns, ["email", "e-mail", "mail", "address"])
    {
    }

    /// <inheritdoc />
    protected override bool MayMatch(string text) => text.Contains('@', StringComparison.Ordinal);

    /// <inheritdoc />
    protected override bool Invalidate(string value, string text, int start, int finish) =>
        value.Contains("..", StringComparison.Ordinal);
}
