using System.Text.RegularExpressions;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Normalization;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Conversation;

/// <summary>
/// Finds an agent or bot answering "yes, that's right" (or "no, that's not it") to a customer who stated or guessed a value
/// on file. The confirming words carry no data themselves, but together with the guess they disclose it. A denial is reported
/// too, at a lower score: a yes/no answer is an oracle either way, and an impersonator who hears "no" simply guesses again.
/// </summary>
public sealed partial class ConfirmationDetector : IConversationDetector
{
    /// <summary>Rule id of every finding of this detector.</summary>
    public const string RuleId = "conversation.confirmation";

    private const double ConfirmScore = 0.95;
    private const double DenyScore = 0.7;

    private readonly AccountValueRecognizer _accountValues = new();

    /// <inheritdoc />
    public IEnumerable<Finding> Detect(AnalysisRequest request, NormalizedText message, IReadOnlyList<Finding> messageFindings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(message);
        var previous = request.PreviousFromOtherParty;
        if (request.Role == MessageRole.Customer || request.Account is null || string.IsNullOrWhiteSpace(previous) || message.Text.Length == 0)
        {
            return [];
        }

        // The cheap check first: most replies confirm nothing, so the previous message is read only when they might.
        var text = message.Text;
        if (Refusal().IsMatch(text) || !TryFindAnswer(text, out var start, out var end, out var denial))
        {
            return [];
        }

        var guessed = new List<Finding>();
        foreach (var finding in _accountValues.Recognize(previous, request.Account))
        {
            if (finding.Score >= PiiDetector.DefaultThreshold && !guessed.Exists(g => g.Type == finding.Type))
            {
                guessed.Add(finding);
            }
        }

        if (guessed.Count == 0)
        {
            return [];
        }

        var (originalStart, originalEnd) = message.ToOriginal(start, end);
        var value = message.Original[originalStart..originalEnd];
        var results = new List<Finding>(guessed.Count);
        foreach (var guess in guessed)
        {
            var field = guess.OnFileField ?? guess.Type.ToCanonicalName().ToLowerInvariant();
            var score = denial ? DenyScore : ConfirmScore;
            var pattern = denial
                ? $"denies the customer's guess of the on-file {field} ({guess.Type.ToCanonicalName()})"
                : $"confirms the customer's stated or guessed on-file {field} ({guess.Type.ToCanonicalName()})";
            results.Add(new Finding(
                guess.Type,
                originalStart,
                originalEnd,
                value,
                score,
                RuleId,
                new FindingExplanation(nameof(ConfirmationDetector), pattern, score, $"previous-message:{guess.RuleId}"),
                $"confirmation.{field}"));
        }

        return results;
    }

    /// <summary>Finds the confirming (or denying) words: the union of every cue in the message.</summary>
    private static bool TryFindAnswer(string text, out int start, out int end, out bool denial)
    {
        start = int.MaxValue;
        end = -1;
        denial = false;
        foreach (var regex in (ReadOnlySpan<Regex>)[DenyAnywhere(), DenyAtStart()])
        {
            var m = regex.Match(text);
            if (m.Success)
            {
                var cue = m.Groups["cue"];
                start = Math.Min(start, cue.Index);
                end = Math.Max(end, cue.Index + cue.Length);
                denial = true;
            }
        }

        if (denial)
        {
            return true;
        }

        var atStart = AffirmAtStart().Match(text);
        if (atStart.Success && !NotAnAnswer().IsMatch(text, atStart.Index + atStart.Length))
        {
            start = atStart.Groups["cue"].Index;
            end = start + atStart.Groups["cue"].Length;
        }

        var anywhere = AffirmAnywhere().Match(text);
        if (anywhere.Success)
        {
            start = Math.Min(start, anywhere.Groups["cue"].Index);
            end = Math.Max(end, anywhere.Groups["cue"].Index + anywhere.Groups["cue"].Length);
        }

        return end > start;
    }

    [GeneratedRegex(@"^[\s\W]*(?<cue>(?:yes|yep|yeah|yup|yea|ya|yess+|correct|exactly|affirmative|indeed|bingo|confirmed|spot\s+on|you\s+got\s+it|that'?s\s+(?:it|right|correct|the\s+one)|that\s+is\s+(?:it|right|correct|the\s+one)|it\s+(?:is|does)|right|absolutely|precisely|mhm|uh[\s-]?huh|sure\s+(?:is|does))\b)(?!')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex AffirmAtStart();

    [GeneratedRegex(@"\G\s*[,.!:;-]*\s*(?:let\s+me|i\s+can|i'?ll|i\s+will|we\s+can|we'?ll|one\s+(?:moment|sec)|just\s+a\s+(?:moment|sec)|give\s+me|please\s+hold|hold\s+on|i\s+need|can\s+you|could\s+you|would\s+you|how\s+can|what\s+can|happy\s+to|of\s+course|sure\s+thing|no\s+problem|to\s+(?:confirm|verify)|before\s+i|first)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex NotAnAnswer();

    [GeneratedRegex(@"(?<cue>\b(?:that(?:'s|\s+is)\s+(?:correct|right|accurate|the\s+one(?:\s+(?:we|i)\s+(?:have|see))?|what\s+(?:we|i)\s+(?:have|see)(?:\s+on\s+(?:file|record))?)|(?:it|that|this)\s+matches(?:\s+(?:our|the|what\s+we\s+have)(?:\s+(?:records?|file|system))?)?|matches\s+(?:our|the)\s+(?:records?|file|system)|(?:is|'s)\s+the\s+one\s+(?:we|i)\s+have|(?:the\s+)?one\s+we\s+have\s+on\s+(?:file|record)|we\s+have\s+(?:that|the\s+same)(?:\s+on\s+(?:file|record))?|i\s+can\s+confirm(?:\s+(?:that|it))?|(?:that\s+)?checks\s+out|same\s+as\s+(?:what\s+we\s+have|our\s+records?|on\s+file)))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex AffirmAnywhere();

    [GeneratedRegex(@"^[\s\W]*(?<cue>(?:no|nope|nah|incorrect|wrong|not\s+quite|not\s+exactly|negative)\b)(?!\s*(?:problem|worries|worry|need|rush|hurry|charge|,?\s*(?:i|we)\s+(?:can|can't|cannot|will|won't|'ll)))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex DenyAtStart();

    [GeneratedRegex(@"(?<cue>\b(?:that(?:'s|\s+is)\s+not\s+(?:it|right|correct|the\s+one|what\s+we\s+have)|(?:that|it|this)\s+(?:isn't|is\s+not)\s+(?:it|right|correct|the\s+one|what\s+we\s+have)|(?:doesn't|does\s+not|don't|do\s+not)\s+match|that(?:'s|\s+is)\s+(?:incorrect|wrong)|not\s+(?:what|the\s+one)\s+we\s+have))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex DenyAnywhere();

    [GeneratedRegex(@"\b(?:can'?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|won'?t|not\s+allowed\s+to|not\s+permitted\s+to)\s+(?:confirm|verify|share|disclose|give|tell|say)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Refusal();
}
