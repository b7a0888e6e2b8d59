namespace SupportShield.Cli.Evaluation;

/// <summary>
/// Span-level scores per type. A prediction is a true positive when it overlaps a gold span of the same type that no other
/// prediction has matched yet (one-to-one, gold spans in order, first overlapping prediction wins). Every type seen in gold
/// or in predictions is scored; micro totals add all of them up.
/// </summary>
public sealed class SpanEvaluation
{
    private readonly SortedDictionary<string, PrfCounts> _types = new(StringComparer.Ordinal);

    /// <summary>Per-type counts, by type name.</summary>
    public IReadOnlyDictionary<string, PrfCounts> Types => _types;

    /// <summary>Number of lines added.</summary>
    public int Lines { get; private set; }

    /// <summary>Counts summed over every type.</summary>
    public PrfCounts Micro
    {
        get
        {
            var total = new PrfCounts();
            foreach (var counts in _types.Values)
            {
                total.Add(counts);
            }

            return total;
        }
    }

    /// <summary>Scores one line's predictions against its gold spans.</summary>
    public void Add(IReadOnlyList<LabelledSpan> gold, IReadOnlyList<LabelledSpan> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        Lines++;
        var used = new bool[predicted.Count];
        foreach (var g in gold)
        {
            var counts = CountsFor(g.Type);
            var hit = -1;
            for (var i = 0; i < predicted.Count && hit < 0; i++)
            {
                if (!used[i] && string.Equals(predicted[i].Type, g.Type, StringComparison.Ordinal) && g.Overlaps(predicted[i]))
                {
                    hit = i;
                }
            }

            if (hit >= 0)
            {
                used[hit] = true;
                counts.TruePositives++;
            }
            else
            {
                counts.FalseNegatives++;
            }
        }

        for (var i = 0; i < predicted.Count; i++)
        {
            if (!used[i])
            {
                CountsFor(predicted[i].Type).FalsePositives++;
            }
        }
    }

    private PrfCounts CountsFor(string type)
    {
        if (!_types.TryGetValue(type, out var counts))
        {
            counts = new PrfCounts();
            _types[type] = counts;
        }

        return counts;
    }
}
