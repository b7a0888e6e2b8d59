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
    private const int Ascii = 128;

    /// <summary>Fragments by their first two characters (both ASCII): a hit is compared with the few that can start there.</summary>
    private readonly (string Fragment, ulong Groups)[]?[] _byPair = new (string, ulong)[]?[Ascii * Ascii];

    /// <param name="groups">Per group bit, its fragments (ASCII, lower-case, at least two characters).</param>
    public KeywordGate(IEnumerable<(ulong Group, string[] Fragments)> groups)
    {
        var masks = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (group, fragments) in groups)
        {
            foreach (var fragment in fragments)
            {
                if (fragment.Length < 2 || fragment[0] >= Ascii || fragment[1] >= Ascii)
                {
                    throw new ArgumentException($"The fragment '{fragment}' must be ASCII and two characters or longer.", nameof(groups));
                }

                masks[fragment] = masks.GetValueOrDefault(fragment) | group;
            }
        }

        _all = SearchValues.Create([.. masks.Keys], StringComparison.Ordinal);
        foreach (var bucket in masks.GroupBy(m => (m.Key[0] * Ascii) + m.Key[1]))
        {
            _byPair[bucket.Key] = [.. bucket.Select(m => (m.Key, m.Value))];
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
            if (rest.Length > 1 && rest[1] < Ascii && _byPair[(rest[0] * Ascii) + rest[1]] is { } bucket)
            {
                foreach (var (fragment, groups) in bucket)
                {
                    if (rest.StartsWith(fragment, StringComparison.Ordinal))
                    {
                        found |= groups;
                    }
                }
            }

            offset++;
        }
    }
}
