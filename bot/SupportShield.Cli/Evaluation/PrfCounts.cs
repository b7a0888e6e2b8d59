namespace SupportShield.Cli.Evaluation;

/// <summary>
/// True positives, false positives and false negatives with the ratios derived from them. A ratio whose denominator is zero
/// is reported as 0 (nothing predicted has no precision to speak of; nothing to find has no recall).
/// </summary>
public sealed class PrfCounts
{
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int FalseNegatives { get; set; }

    /// <summary>Gold items: true positives plus false negatives.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>Predicted items: true positives plus false positives.</summary>
    public int Predicted => TruePositives + FalsePositives;

    public double Precision => Ratio(TruePositives, Predicted);

    public double Recall => Ratio(TruePositives, Support);

    public double F1 => FScore(1);

    /// <summary>F2 weighs recall twice as much as precision: a missed leak costs more than a false alarm.</summary>
    public double F2 => FScore(2);

    /// <summary>The F-beta score.</summary>
    public double FScore(double beta)
    {
        var p = Precision;
        var r = Recall;
        var b2 = beta * beta;
        return p + r == 0 ? 0 : (1 + b2) * p * r / ((b2 * p) + r);
    }

    /// <summary>Adds <paramref name="other"/>'s counts to these.</summary>
    public void Add(PrfCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        FalseNegatives += other.FalseNegatives;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
