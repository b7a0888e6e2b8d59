using System.Collections.Frozen;

namespace SupportShield.Detection.Recognizers;

/// <summary>The embedded word lists of <see cref="PersonRecognizer"/>: given names, family names and capitalised non-names.</summary>
internal static class NameLists
{
    /// <summary>Common given names across cultures (lower case).</summary>
    public static FrozenSet<string> FirstNames { get; } = Load("first-names.txt");

    /// <summary>Common family names across cultures (lower case).</summary>
    public static FrozenSet<string> Surnames { get; } = Load("surnames.txt");

    /// <summary>Words that never start or continue a name: sentence starters, support vocabulary, days, months, places, brands.</summary>
    public static FrozenSet<string> NotNames { get; } = Load("not-names.txt");

    private static FrozenSet<string> Load(string fileName)
    {
        var assembly = typeof(NameLists).Assembly;
        using var stream = assembly.GetManifestResourceStream($"SupportShield.Detection.Names.{fileName}")
            ?? throw new InvalidOperationException($"Embedded name list {fileName} is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
