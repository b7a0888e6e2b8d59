namespace SupportShield.Cli.Evaluation;

/// <summary>Gold intent labels against predicted ones (rows gold, columns predicted), over a fixed label set.</summary>
public sealed class IntentConfusionMatrix
{
    /// <summary>The label that means "nothing to flag".</summary>
    public const string NoneLabel = "NONE";

    private readonly int[,] _counts;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IntentConfusionMatrix(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = labels.ToArray();
        for (var i = 0; i < Labels.Count; i++)
        {
            if (!_index.TryAdd(Labels[i], i))
            {
                throw new ArgumentException($"label {Labels[i]} is listed twice", nameof(labels));
            }
        }

        _counts = new int[Labels.Count, Labels.Count];
    }

    /// <summary>The labels, in row and column order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of items added.</summary>
    public int Total { get; private set; }

    /// <summary>True when <paramref name="label"/> is one of <see cref="Labels"/>.</summary>
    public bool IsLabel(string label) => _index.ContainsKey(label);

    /// <summary>Counts one item.</summary>
    public void Add(string gold, string predicted)
    {
        _counts[IndexOf(gold), IndexOf(predicted)]++;
        Total++;
    }

    /// <summary>Items with gold label <paramref name="gold"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(string gold, string predicted) => _counts[IndexOf(gold), IndexOf(predicted)];

    /// <summary>Precision, recall and counts of one label against all others.</summary>
    public PrfCounts CountsFor(string label)
    {
        var i = IndexOf(label);
        var counts = new PrfCounts { TruePositives = _counts[i, i] };
        for (var j = 0; j < Labels.Count; j++)
        {
            if (j != i)
            {
                counts.FalseNegatives += _counts[i, j];
                counts.FalsePositives += _counts[j, i];
            }
        }

        return counts;
    }

    /// <summary>Share of gold-NONE items predicted as anything else (0 when there are none); the false-alarm rate on ordinary messages.</summary>
    public double NoneFlaggedShare
    {
        get
        {
            if (!_index.ContainsKey(NoneLabel))
            {
                return 0;
            }

            var none = CountsFor(NoneLabel);
            return none.Support == 0 ? 0 : (double)none.FalseNegatives / none.Support;
        }
    }

    private int IndexOf(string label) =>
        label is not null && _index.TryGetValue(label, out var i) ? i : throw new ArgumentException($"unknown label '{label}'", nameof(label));
}
