using System.Text;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Redaction;

/// <summary>Replaces findings in a text with a placeholder naming their type, for example <c>[CREDIT_CARD REDACTED]</c>.</summary>
public static class Redactor
{
    /// <summary>Returns <paramref name="text"/> with every span of <paramref name="findings"/> replaced. Overlapping spans are merged.</summary>
    public static string Redact(string text, IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var ordered = findings.Where(f => f.Start >= 0 && f.End <= text.Length && f.End > f.Start).OrderBy(f => f.Start).ToList();
        if (ordered.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in ordered)
        {
            if (finding.Start < position)
            {
                continue;
            }

            builder.Append(text, position, finding.Start - position);
            builder.Append('[').Append(finding.Type.ToCanonicalName()).Append(" REDACTED]");
            position = finding.End;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }
}
