using System.Text;

namespace SupportShield.Detection.Redaction;

/// <summary>
/// Masks one matched value for display to ops: every letter and digit becomes '•' and punctuation and spaces stay, so the
/// shape of the value shows (<c>•••-••-••••</c>, <c>•••••@•••••••.•••</c>) but none of it. Long values are cut.
/// </summary>
public static class SpanMasker
{
    /// <summary>Most characters of a masked value.</summary>
    public const int MaxLength = 40;

    /// <summary>The masked form of <paramref name="value"/>.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var b = new StringBuilder(Math.Min(value.Length, MaxLength + 1));
        foreach (var c in value)
        {
            if (b.Length >= MaxLength)
            {
                b.Append('…');
                break;
            }

            b.Append(char.IsLetterOrDigit(c) ? '•' : char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : c);
        }

        return b.ToString();
    }
}
