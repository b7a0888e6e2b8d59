using System.Globalization;

namespace SupportShield.Cli.Load;

/// <summary>
/// The host's <c>supportshield.middleware.duration</c> histogram read from its Prometheus endpoint (<c>/metrics</c>):
/// cumulative bucket counts by upper bound (all directions summed), with the sum and count. The difference of two
/// readings gives the time SupportShield added to the turns in between.
/// </summary>
public sealed class MiddlewareLatency
{
    private const string Metric = "supportshield_middleware_duration_milliseconds";

    private MiddlewareLatency(SortedDictionary<double, double> buckets, double sum, double count)
    {
        Buckets = buckets;
        Sum = sum;
        Count = count;
    }

    /// <summary>Cumulative counts by bucket upper bound in milliseconds (the last is +Inf).</summary>
    public SortedDictionary<double, double> Buckets { get; }

    /// <summary>Total milliseconds recorded.</summary>
    public double Sum { get; }

    /// <summary>Measurements recorded.</summary>
    public double Count { get; }

    /// <summary>An empty reading (an instance that could not be read).</summary>
    public static MiddlewareLatency Empty { get; } = new(new SortedDictionary<double, double>(), 0, 0);

    /// <summary>Reads the histogram from Prometheus text; an empty reading when the metric is absent.</summary>
    public static MiddlewareLatency Parse(string prometheusText)
    {
        ArgumentNullException.ThrowIfNull(prometheusText);
        var buckets = new SortedDictionary<double, double>();
        double sum = 0, count = 0;
        foreach (var raw in prometheusText.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(Metric, StringComparison.Ordinal))
            {
                continue;
            }

            // NAME{LABELS} VALUE [TIMESTAMP]
            var labelsEnd = line.IndexOf('}', StringComparison.Ordinal);
            var rest = line[((labelsEnd >= 0 ? labelsEnd + 1 : line.IndexOf(' ', StringComparison.Ordinal)) + 0)..].Trim();
            var value = double.Parse(rest.Split(' ')[0], CultureInfo.InvariantCulture);
            if (line.StartsWith(Metric + "_bucket", StringComparison.Ordinal))
            {
                var le = Label(line, "le");
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le!, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
            }
            else if (line.StartsWith(Metric + "_sum", StringComparison.Ordinal))
            {
                sum += value;
            }
            else if (line.StartsWith(Metric + "_count", StringComparison.Ordinal))
            {
                count += value;
            }
        }

        return new MiddlewareLatency(buckets, sum, count);
    }

    /// <summary>This reading plus <paramref name="other"/> (two instances).</summary>
    public MiddlewareLatency Plus(MiddlewareLatency other) => Combine(other, 1);

    /// <summary>This reading less an earlier one: what was recorded in between.</summary>
    public MiddlewareLatency Minus(MiddlewareLatency earlier) => Combine(earlier, -1);

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> (0–1), in ms; NaN when nothing was recorded.</summary>
    public double UpperBound(double quantile)
    {
        if (Count <= 0)
        {
            return double.NaN;
        }

        var target = quantile * Count;
        foreach (var (bound, cumulative) in Buckets)
        {
            if (cumulative >= target)
            {
                return bound;
            }
        }

        return double.PositiveInfinity;
    }

    private MiddlewareLatency Combine(MiddlewareLatency other, int sign)
    {
        ArgumentNullException.ThrowIfNull(other);
        var buckets = new SortedDictionary<double, double>(Buckets);
        foreach (var (bound, value) in other.Buckets)
        {
            buckets[bound] = buckets.GetValueOrDefault(bound) + (sign * value);
        }

        return new MiddlewareLatency(buckets, Sum + (sign * other.Sum), Count + (sign * other.Count));
    }

    private static string? Label(string line, string name)
    {
        var start = line.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += name.Length + 2;
        var end = line.IndexOf('"', start);
        return line[start..end];
    }
}
