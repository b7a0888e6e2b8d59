using System.Text.Json;

namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>One line of <c>intents.dev.jsonl</c>.</summary>
public sealed record IntentCorpusLine(string Id, string Source, string Role, string Text, string Label)
{
    /// <summary>Reads a corpus file copied to the test output.</summary>
    public static IReadOnlyList<IntentCorpusLine> Load(string fileName)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpora", fileName);
        return File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private static IntentCorpusLine Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        return new IntentCorpusLine(
            r.GetProperty("id").GetString()!,
            r.GetProperty("source").GetString()!,
            r.GetProperty("role").GetString()!,
            r.GetProperty("text").GetString()!,
            r.GetProperty("label").GetString()!);
    }
}
