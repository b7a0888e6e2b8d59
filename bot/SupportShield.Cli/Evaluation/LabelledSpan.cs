namespace SupportShield.Cli.Evaluation;

/// <summary>A typed span <c>[Start, End)</c> of a text: a gold label or a prediction.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset after the last character.</param>
/// <param name="Type">Canonical type name, for example EMAIL.</param>
public sealed record LabelledSpan(int Start, int End, string Type)
{
    /// <summary>True when the two spans share at least one character.</summary>
    public bool Overlaps(LabelledSpan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }
}
