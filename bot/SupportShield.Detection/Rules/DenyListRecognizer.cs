using System.Text.RegularExpressions;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Rules;

/// <summary>
/// Reports the rules file's <c>deny</c> terms wherever they occur: literals case-insensitively as whole words, expressions
/// as written. Their findings pass the detector's thresholds with their (default full) score.
/// </summary>
public sealed class DenyListRecognizer : IRecognizer
{
    private readonly IReadOnlyList<DenyRule> _terms;

    public DenyListRecognizer(IReadOnlyList<DenyRule> terms)
    {
        _terms = terms ?? throw new ArgumentNullException(nameof(terms));
    }

    /// <inheritdoc />
    public string Name => nameof(DenyListRecognizer);

    /// <summary>The terms.</summary>
    public IReadOnlyList<DenyRule> Terms => _terms;

    /// <inheritdoc />
    public IEnumerable<Finding> Recognize(string text, AccountValues? account)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<Finding>? findings = null;
        foreach (var term in _terms)
        {
            if (term.Literal is { Length: > 0 } literal)
            {
                FindLiteral(text, term, literal, ref findings);
            }
            else if (term.Regex is not null)
            {
                FindRegex(text, term, term.Regex, ref findings);
            }
        }

        return findings ?? (IEnumerable<Finding>)[];
    }

    private void FindLiteral(string text, DenyRule term, string literal, ref List<Finding>? findings)
    {
        var checkStart = char.IsLetterOrDigit(literal[0]);
        var checkEnd = char.IsLetterOrDigit(literal[^1]);
        var index = 0;
        while ((index = text.IndexOf(literal, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = index + literal.Length;
            var whole = (!checkStart || index == 0 || !char.IsLetterOrDigit(text[index - 1]))
                && (!checkEnd || end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (whole)
            {
                (findings ??= []).Add(Create(term, text, index, end, "literal"));
                index = end;
            }
            else
            {
                index++;
            }
        }
    }

    private void FindRegex(string text, DenyRule term, Regex regex, ref List<Finding>? findings)
    {
        for (var match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            var group = match.Groups["value"];
            var span = group.Success ? (Group)group : match;
            if (span.Length > 0)
            {
                (findings ??= []).Add(Create(term, text, span.Index, span.Index + span.Length, "regex"));
            }
        }
    }

    private Finding Create(DenyRule term, string text, int start, int end, string pattern) =>
        new(term.Type, start, end, text[start..end], term.Score, term.Id, new FindingExplanation(Name, pattern, term.Score));
}
