using System.Buffers;

namespace SupportShield.Detection.Intent;

/// <summary>
/// Finds, in one vectorised pass, which groups of literal fragments occur in a text. Each group is a necessary condition of
/// some expression (it cannot match without one of the group's fragments), so an expression whose group is absent is skipped
/// without changing any result.
/// </summary>
internal sealed class KeywordGate
{
    private readonly SearchValues<string> _all;
    private readonly (string Fragment, ulong Groups)[][] _byFirst = new (string, ulong)[128][];

    /// <param name="groups">Per group bit, its fragments (ASCII, lower-case, at least two characters).</param>
    public KeywordGate(IEnumerable<(ulong Group, string[] Fragments)> groups)
    {
        var masks = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (group, fragments) in groups)
        {
            foreach (var fragment in fragments)
            {
                if (fragment.Length < 2 || fragment[0] >= 128)
                {
                    throw new ArgumentException($"The fragment '{fragment}' must be ASCII and two characters or longer.", nameof(groups));
                }

                masks[fragment] = masks.GetValueOrDefault(fragment) | group;
            }
        }

        _all = SearchValues.Create([.. masks.Keys], StringComparison.Ordinal);
        foreach (var bucket in masks.GroupBy(m => m.Key[0]))
        {
            _byFirst[bucket.Key] = [.. bucket.Select(m => (m.Key, m.Value))];
        }
    }

    /// <summary>The groups with at least one fragment in <paramref name="text"/>.</summary>
    public ulong Scan(ReadOnlySpan<char> text)
    {
        ulong found = 0;
        var offset = 0;
        while (true)
        {
            var at = text[offset..].IndexOfAny(_all);
            if (at < 0)
            {
                return found;
            }

            offset += at;
            var rest = text[offset..];
            foreach (var (fragment, groups) in _byFirst[rest[0]])
            {
                if (rest.StartsWith(fragment, StringComparison.Ordinal))
                {
                    found |= groups;
                }
            }

            offset++;
        }
    }
}
