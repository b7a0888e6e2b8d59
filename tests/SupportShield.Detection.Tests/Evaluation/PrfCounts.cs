namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>True positives, false positives and false negatives, with precision, recall and F1.</summary>
public sealed class PrfCounts
{
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int FalseNegatives { get; set; }

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public int Support => TruePositives + FalseNegatives;

    public void Add(PrfCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        FalseNegatives += other.FalseNegatives;
    }
}
