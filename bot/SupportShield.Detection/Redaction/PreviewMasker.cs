using System.Text;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Redaction;

/// <summary>
/// Makes the masked preview kept in audit records: findings become their type name, every other digit becomes '#',
/// and the result is cut to a short length, so that a preview never carries personal data even when detection missed some.
/// </summary>
public static class PreviewMasker
{
    /// <summary>Default length of a preview in characters.</summary>
    public const int DefaultMaxLength = 80;

    public static string Mask(string text, IEnumerable<Finding> findings, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var ordered = findings.OrderBy(f => f.Start).ToList();
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 32));
        var next = 0;
        for (var i = 0; i < text.Length && builder.Length < maxLength; i++)
        {
            while (next < ordered.Count && ordered[next].End <= i)
            {
                next++;
            }

            if (next < ordered.Count && ordered[next].Start <= i)
            {
                builder.Append('<').Append(ordered[next].Type.ToCanonicalName()).Append('>');
                i = ordered[next].End - 1;
                next++;
                continue;
            }

            var c = text[i];
            builder.Append(char.IsDigit(c) ? '#' : char.IsControl(c) ? ' ' : c);
        }

        if (builder.Length >= maxLength && text.Length > 0)
        {
            builder.Length = Math.Min(builder.Length, maxLength);
            builder.Append('…');
        }

        return builder.ToString();
    }
}
