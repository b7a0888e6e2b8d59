using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Recognizers;

/// <summary>
/// Finds links: URLs with a scheme, www. hosts and bare domains with a well-known top-level domain (microsoft.com).
/// The domain of an email address is not a link.
/// </summary>
public sealed class UrlRecognizer : PatternRecognizer
{
    private const string CommonTlds =
        "com|org|net|edu|gov|mil|int|io|co|ai|app|dev|info|biz|me|us|uk|ca|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|pt|ie|il|in|jp|cn|au|nz|br|mx|ru|za|eu|tv|site|online|store|shop|tech|cloud|xyz|ly|gl";

    private static readonly RecognizerPattern[] DefaultPatterns =
    [
        new("scheme", RegexDefaults.Create(
            @"(?<![\w@])(?:https?|ftp)://(?:[\w-]+(?::[^@\s]*)?@)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})?\.)+(?:[\p{L}]{2,63}|xn--[a-z0-9-]+)(?::\d{1,5})?(?:[/?#](?:[^\s<>""'`]*[^\s<>""'`.,;:!?)\]}])?)?", true),
            0.9, "url.scheme"),
        new("www", RegexDefaults.Create(
            @"(?<![\w@./])www\.(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})?\.)+[\p{L}]{2,63}(?::\d{1,5})?(?:[/?#](?:[^\s<>""'`]*[^\s<>""'`.,;:!?)\]}])?)?", true),
            0.85, "url.www"),
        new("bare-domain", RegexDefaults.Create(
            @"(?<![\w@./:-])(?!www\.)(?:[a-z0-9](?:[a-z0-9-]{0,62})?\.)+(?:" + CommonTlds + @")(?![\w@-]|\.[a-z0-9])(?:/(?:[^\s<>""'`]*[^\s<>""'`.,;:!?)\]}])?)?", true),
            0.6, "url.bare-domain"),
    ];

    public UrlRecognizer()
        : base(EntityType.Url, DefaultPatterns, ["url", "link", "website", "site", "domain", "http"])
    {
    }

    /// <inheritdoc />
    /// <remarks>Every form has a dot followed by a label or top-level domain, so a dot that only ends a sentence is not enough.</remarks>
    protected override bool MayMatch(string text)
    {
        for (var dot = text.IndexOf('.', StringComparison.Ordinal); dot >= 0 && dot + 1 < text.Length; dot = text.IndexOf('.', dot + 1))
        {
            var next = text[dot + 1];
            if (char.IsLetter(next) || char.IsNumber(next))
            {
                return true;
            }
        }

        return false;
    }
}
