using System.Text.Json;

namespace SupportShield.Benchmarks;

/// <summary>The dev span corpus, split into messages without and with labelled personal data.</summary>
public sealed class DevCorpus
{
    /// <summary>Path of the corpus relative to the repository root.</summary>
    public const string RelativePath = "tests/SupportShield.Detection.Tests/Corpora/pii-spans.dev.jsonl";

    private DevCorpus(IReadOnlyList<string> clean, IReadOnlyList<string> withPii)
    {
        Clean = clean;
        WithPii = withPii;
    }

    /// <summary>Messages whose gold spans are empty.</summary>
    public IReadOnlyList<string> Clean { get; }

    /// <summary>Messages with at least one gold span.</summary>
    public IReadOnlyList<string> WithPii { get; }

    /// <summary>Reads the corpus from the repository that holds this program.</summary>
    public static DevCorpus Load()
    {
        var path = Path.Combine(FindRepositoryRoot(), RelativePath);
        var clean = new List<string>();
        var withPii = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var text = root.GetProperty("text").GetString() ?? string.Empty;
            (root.GetProperty("spans").GetArrayLength() == 0 ? clean : withPii).Add(text);
        }

        return new DevCorpus(clean, withPii);
    }

    // BenchmarkDotNet runs the benchmarks from a generated project below this one's bin folder, so both the program's folder
    // and the working directory lead up to the repository.
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SupportShield.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SupportShield.sln was not found above the program or the working directory; run from the repository.");
    }
}
