using System.Globalization;
using System.Text;

namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>
/// Scores predicted spans against gold spans per type, restricted to a set of types. A prediction is correct when the type
/// matches and the spans overlap (one-to-one); exact figures also require the same offsets.
/// </summary>
public sealed class SpanScorer
{
    private readonly HashSet<string> _types;

    public SpanScorer(IEnumerable<string> types)
    {
        _types = new HashSet<string>(types, StringComparer.Ordinal);
    }

    public Dictionary<string, PrfCounts> Overlap { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, PrfCounts> Exact { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors seen, for reading: (kind, type, line id, text of span).</summary>
    public List<(string Kind, string Type, string Id, string Value)> Errors { get; } = [];

    /// <summary>Adds one line.</summary>
    public void Add(string id, string text, IReadOnlyList<GoldSpan> gold, IReadOnlyList<GoldSpan> predicted)
    {
        ArgumentNullException.ThrowIfNull(text);
        Score(Overlap, gold, predicted, (g, p) => g.Start < p.End && p.Start < g.End, id, text, true);
        Score(Exact, gold, predicted, (g, p) => g.Start == p.Start && g.End == p.End, id, text, false);
    }

    /// <summary>Micro-averaged counts over the scored types.</summary>
    public static PrfCounts Micro(Dictionary<string, PrfCounts> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var total = new PrfCounts();
        foreach (var counts in table.Values)
        {
            total.Add(counts);
        }

        return total;
    }

    /// <summary>A plain-text table of per-type and micro figures.</summary>
    public string Table()
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"{"type",-20} {"support",7} {"P",6} {"R",6} {"F1",6} | {"exactP",6} {"exactR",6} {"exactF1",7}");
        foreach (var type in _types.OrderBy(t => t, StringComparer.Ordinal))
        {
            var o = Overlap.GetValueOrDefault(type) ?? new PrfCounts();
            var e = Exact.GetValueOrDefault(type) ?? new PrfCounts();
            b.AppendLine(CultureInfo.InvariantCulture, $"{type,-20} {o.Support,7} {o.Precision,6:F3} {o.Recall,6:F3} {o.F1,6:F3} | {e.Precision,6:F3} {e.Recall,6:F3} {e.F1,7:F3}");
        }

        var mo = Micro(Overlap);
        var me = Micro(Exact);
        b.AppendLine(CultureInfo.InvariantCulture, $"{"MICRO",-20} {mo.Support,7} {mo.Precision,6:F3} {mo.Recall,6:F3} {mo.F1,6:F3} | {me.Precision,6:F3} {me.Recall,6:F3} {me.F1,7:F3}");
        return b.ToString();
    }

    private void Score(Dictionary<string, PrfCounts> table, IReadOnlyList<GoldSpan> gold, IReadOnlyList<GoldSpan> predicted, Func<GoldSpan, GoldSpan, bool> same, string id, string text, bool record)
    {
        var golds = gold.Where(g => _types.Contains(g.Type)).ToList();
        var preds = predicted.Where(p => _types.Contains(p.Type)).ToList();
        var used = new bool[preds.Count];
        foreach (var g in golds)
        {
            var counts = Get(table, g.Type);
            var hit = preds.FindIndex(p => !used[preds.IndexOf(p)] && p.Type == g.Type && same(g, p));
            if (hit >= 0)
            {
                used[hit] = true;
                counts.TruePositives++;
            }
            else
            {
                counts.FalseNegatives++;
                if (record)
                {
                    Errors.Add(("FN", g.Type, id, text[g.Start..g.End]));
                }
            }
        }

        for (var i = 0; i < preds.Count; i++)
        {
            if (!used[i])
            {
                Get(table, preds[i].Type).FalsePositives++;
                if (record)
                {
                    Errors.Add(("FP", preds[i].Type, id, text[preds[i].Start..preds[i].End]));
                }
            }
        }
    }

    private static PrfCounts Get(Dictionary<string, PrfCounts> table, string type)
    {
        if (!table.TryGetValue(type, out var counts))
        {
            counts = new PrfCounts();
            table[type] = counts;
        }

        return counts;
    }
}
