using System.Text;
using SupportShield.Bot.OpsConsole.Contracts;
using SupportShield.Bot.Rules;
using SupportShield.Detection.Corpus;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Redaction;

namespace SupportShield.Bot.OpsConsole;

/// <summary>
/// Runs a corpus through the rules in force and a candidate and lists the lines whose decision changes, with masked
/// previews only (corpus text may hold personal data).
/// </summary>
public sealed class RulesDryRun
{
    /// <summary>Largest corpus, in UTF-8 bytes.</summary>
    public const int MaxCorpusBytes = 5 * 1024 * 1024;

    /// <summary>Most corpus lines.</summary>
    public const int MaxCorpusLines = 20_000;

    /// <summary>Most changed lines listed in an answer.</summary>
    public const int MaxChangesListed = 500;

    /// <summary>Most bad lines reported.</summary>
    public const int MaxLineErrors = 50;

    private readonly RulesProvider _rules;

    public RulesDryRun(RulesProvider rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>Reads <paramref name="corpus"/>: its messages with their line numbers, or the bad lines (at most <see cref="MaxLineErrors"/>).</summary>
    public static (IReadOnlyList<(int Line, CorpusLine Message)> Lines, IReadOnlyList<CorpusLineError> Errors, string? Problem) Parse(string corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (Encoding.UTF8.GetByteCount(corpus) > MaxCorpusBytes)
        {
            return ([], [], $"The corpus is larger than {MaxCorpusBytes / (1024 * 1024)} MB.");
        }

        var lines = new List<(int, CorpusLine)>();
        var errors = new List<CorpusLineError>();
        var number = 0;
        foreach (var raw in corpus.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (lines.Count + errors.Count >= MaxCorpusLines)
            {
                return ([], [], $"The corpus has more than {MaxCorpusLines} lines.");
            }

            try
            {
                lines.Add((number, CorpusLineParser.Parse(line)));
            }
            catch (CorpusLineException e)
            {
                if (errors.Count < MaxLineErrors)
                {
                    errors.Add(new CorpusLineError(number, e.Message));
                }
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors, "Some corpus lines are not valid; expected one JSON object {\"id\", \"text\", \"role\"?} per line.");
        }

        return lines.Count == 0 ? ([], [], "The corpus has no lines.") : (lines, [], null);
    }

    /// <summary>Runs <paramref name="lines"/> through the rules in force and <paramref name="candidate"/> (unverified customer).</summary>
    public DryRunView Run(IReadOnlyList<(int Line, CorpusLine Message)> lines, DetectionEngine candidate, string candidateText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(candidate);
        var current = _rules.Engine;
        var inForceSha = _rules.Status.Sha256;
        var changes = new List<DryRunChange>();
        int changed = 0, newlyHeld = 0, newlyReleased = 0;
        foreach (var (number, message) in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = current.Analyze(message.Request);
            var after = candidate.Analyze(message.Request);
            var b = DecisionViews.Summary(before.Decision);
            var a = DecisionViews.Summary(after.Decision);
            if (b.Action == a.Action && b.Types.SequenceEqual(a.Types, StringComparer.Ordinal))
            {
                continue;
            }

            changed++;
            var wasDelivered = DecisionViews.Delivers(before.Decision.Action);
            var isDelivered = DecisionViews.Delivers(after.Decision.Action);
            newlyHeld += wasDelivered && !isDelivered ? 1 : 0;
            newlyReleased += !wasDelivered && isDelivered ? 1 : 0;
            if (changes.Count < MaxChangesListed)
            {
                var id = message.Id.Length > 100 ? message.Id[..100] + "…" : message.Id;
                changes.Add(new DryRunChange(
                    number,
                    id,
                    message.Request.Role.ToString().ToLowerInvariant(),
                    b,
                    a,
                    PreviewMasker.Mask(message.Request.Text, [.. before.AllFindings, .. after.AllFindings])));
            }
        }

        return new DryRunView(lines.Count, changed, newlyHeld, newlyReleased, changes, changed > changes.Count, inForceSha, RulesText.Sha256(candidateText));
    }
}
