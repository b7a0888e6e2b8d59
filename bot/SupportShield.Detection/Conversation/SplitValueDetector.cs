using System.Text;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;

namespace SupportShield.Detection.Conversation;

/// <summary>
/// Finds a number sent in pieces over consecutive messages of one sender ("my card is 4111 1111", then "1111 1111"): the
/// last few messages and the current one are read as one text, and a card, phone, SSN, IBAN or account number that runs
/// across the boundary into the current message is reported on the current message's part of it.
/// </summary>
public sealed class SplitValueDetector : IConversationDetector
{
    /// <summary>Rule id of every finding.</summary>
    public const string RuleId = "conversation.split-value";

    /// <summary>How many earlier messages are read by default.</summary>
    public const int DefaultMaxMessages = 3;

    private static readonly HashSet<EntityType> SplitTypes =
    [
        EntityType.CreditCard, EntityType.Phone, EntityType.Ssn, EntityType.Iban, EntityType.BankAccount, EntityType.RoutingNumber,
        EntityType.AccountId,
    ];

    private readonly PiiDetector _detector;
    private readonly int _maxMessages;

    /// <summary>A detector that reads the current message with up to <paramref name="maxMessages"/> earlier ones through <paramref name="detector"/>.</summary>
    public SplitValueDetector(PiiDetector detector, int maxMessages = DefaultMaxMessages)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        _maxMessages = maxMessages;
    }

    /// <summary>Most words that may lead into a continued number.</summary>
    private const int MaxLeadInWords = 4;

    /// <inheritdoc />
    public IEnumerable<Finding> Detect(AnalysisRequest request, NormalizedText message, IReadOnlyList<Finding> messageFindings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(messageFindings);
        var recent = request.RecentFromSameSender;
        var text = request.Text;
        if (recent.Count == 0)
        {
            return [];
        }

        // "and then 1111 1111", "the rest is 1111 1111": a few words may lead into the continued number.
        var lead = MayContinueNumber(text) ? 0 : LeadInLength(text);
        if (lead < 0)
        {
            return [];
        }

        var current = text[lead..];

        // One space between messages: a value typed in pieces reads as one value with a space where the sender hit send.
        var combined = new StringBuilder();
        for (var i = Math.Max(0, recent.Count - _maxMessages); i < recent.Count; i++)
        {
            combined.Append(recent[i].TrimEnd()).Append(' ');
        }

        var boundary = combined.Length;
        combined.Append(current);
        List<Finding>? results = null;
        foreach (var finding in _detector.Detect(combined.ToString(), request.Account))
        {
            if (!SplitTypes.Contains(finding.Type) || finding.Start >= boundary || finding.End <= boundary)
            {
                continue;
            }

            var start = 0;
            var end = finding.End - boundary;
            while (start < end && char.IsWhiteSpace(current[start]))
            {
                start++;
            }

            if (start >= end || Overlaps(messageFindings, finding.Type, lead + start, lead + end))
            {
                continue;
            }

            var name = finding.Type.ToCanonicalName();
            var explanation = new FindingExplanation(
                nameof(SplitValueDetector),
                $"split:{name}",
                finding.Score,
                $"split-over-messages:{name};{finding.Explanation.Validation}",
                finding.Explanation.ContextBoost,
                finding.Explanation.ContextWords);
            (results ??= []).Add(new Finding(finding.Type, lead + start, lead + end, current[start..end], finding.Score, RuleId, explanation, finding.OnFileField));
        }

        return results ?? (IEnumerable<Finding>)[];
    }

    /// <summary>
    /// Length of a short lead-in of at most <see cref="MaxLeadInWords"/> words (letters and punctuation only) before a text
    /// that may continue a number, or -1 when there is none.
    /// </summary>
    private static int LeadInLength(string text)
    {
        var words = 0;
        var i = 0;
        while (i < text.Length && words <= MaxLeadInWords)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] is ':' or ',' or '.' or '-'))
            {
                i++;
            }

            if (i < text.Length && words > 0 && MayContinueNumber(text.AsSpan(i)))
            {
                return i;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return -1;
            }

            words++;
        }

        return -1;
    }

    /// <summary>
    /// Cheap pre-check so that ordinary replies cost nothing: a continued number starts with a digit (in any script), a
    /// separator before one, or a spelled digit.
    /// </summary>
    private static bool MayContinueNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || CharacterFolding.IsInvisible(text[i]) || text[i] is '-' or '(' or '.' or '/' or '+'))
        {
            i++;
        }

        if (i == text.Length)
        {
            return false;
        }

        if (char.IsDigit(text[i]))
        {
            return true;
        }

        var end = i;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var word = text.Slice(i, end - i);
        // A spelled digit, or look-alike letters running into digits ("O123", "l23").
        return DigitWords.Digit(word) != '\0' || DigitWords.Repeat(word) > 0 || (end < text.Length && char.IsDigit(text[end]));
    }

    private static bool Overlaps(IReadOnlyList<Finding> findings, EntityType type, int start, int end)
    {
        foreach (var f in findings)
        {
            if (f.Type == type && f.Start < end && start < f.End)
            {
                return true;
            }
        }

        return false;
    }
}
