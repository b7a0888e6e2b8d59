namespace SupportShield.Detection.Intent;

/// <summary>
/// Finds, in one pass, which groups of literal fragments occur in a text. Each group is a necessary condition of
/// some expression (it cannot match without one of the group's fragments), so an expression whose group is absent is skipped
/// without changing any result.
/// </summary>
internal sealed class KeywordGate
{
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

        foreach (var bucket in masks.GroupBy(m => (m.Key[0] * Ascii) + m.Key[1]))
        {
            _byPair[bucket.Key] = [.. bucket.Select(m => (m.Key, m.Value))];
        }
    }

    /// <summary>The groups with at least one fragment in <paramref name="text"/>.</summary>
    /// <remarks>
    /// One table look-up per character pair: short messages have many hits, and restarting a multi-string search after each
    /// cost more than this plain pass.
    /// </remarks>
    public ulong Scan(ReadOnlySpan<char> text)
    {
        ulong found = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var first = text[i];
            var second = text[i + 1];
            if (first >= Ascii || second >= Ascii || _byPair[(first * Ascii) + second] is not { } bucket)
            {
                continue;
            }

            var rest = text[i..];
            foreach (var (fragment, groups) in bucket)
            {
                if (rest.StartsWith(fragment, StringComparison.Ordinal))
                {
                    found |= groups;
                }
            }
        }

        return found;
    }
}
