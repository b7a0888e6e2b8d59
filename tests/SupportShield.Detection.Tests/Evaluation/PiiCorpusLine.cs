using System.Text.Json;

namespace SupportShield.Detection.Tests.Evaluation;

/// <summary>One line of <c>pii-spans.dev.jsonl</c>.</summary>
public sealed record PiiCorpusLine(string Id, string Source, string Text, IReadOnlyList<GoldSpan> Spans)
{
    /// <summary>Reads a corpus file copied to the test output.</summary>
    public static IReadOnlyList<PiiCorpusLine> Load(string fileName)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpora", fileName);
        return File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private static PiiCorpusLine Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var spans = root.GetProperty("spans").EnumerateArray()
            .Select(s => new GoldSpan(s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), s.GetProperty("type").GetString()!))
            .ToList();
        return new PiiCorpusLine(root.GetProperty("id").GetString()!, root.GetProperty("source").GetString()!, root.GetProperty("text").GetString()!, spans);
    }
}
