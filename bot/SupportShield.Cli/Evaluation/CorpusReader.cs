using System.Text.Json;
using SupportShield.Cli.Scanning;

namespace SupportShield.Cli.Evaluation;

/// <summary>
/// Streams corpus lines from a reader. Blank lines are skipped; a malformed line is passed to the error callback with its
/// 1-based line number (the message never quotes the line) and skipped.
/// </summary>
public static class CorpusReader
{
    /// <summary>Lines of a span corpus.</summary>
    public static IEnumerable<SpanCorpusLine> ReadSpans(TextReader reader, Action<int, string> onError)
    {
        foreach (var (number, root) in ReadObjects(reader, onError))
        {
            SpanCorpusLine? line = null;
            try
            {
                line = ParseSpans(root.RootElement);
            }
            catch (InputLineException e)
            {
                onError(number, e.Message);
            }
            finally
            {
                root.Dispose();
            }

            if (line is not null)
            {
                yield return line;
            }
        }
    }

    /// <summary>Lines of an intent corpus; with <paramref name="labels"/>, a line with another label is malformed.</summary>
    public static IEnumerable<IntentCorpusLine> ReadIntents(TextReader reader, Action<int, string> onError, IReadOnlyCollection<string>? labels = null)
    {
        foreach (var (number, root) in ReadObjects(reader, onError))
        {
            IntentCorpusLine? line = null;
            try
            {
                var e = root.RootElement;
                var role = OptionalString(e, "role") ?? "customer";
                var label = RequiredString(e, "label");
                if (labels is not null && !labels.Contains(label))
                {
                    throw new InputLineException($"unknown label '{label}' (expected {string.Join(", ", labels)})");
                }

                line = new IntentCorpusLine(RequiredString(e, "id"), role, RequiredString(e, "text"), label);
            }
            catch (InputLineException e)
            {
                onError(number, e.Message);
            }
            finally
            {
                root.Dispose();
            }

            if (line is not null)
            {
                yield return line;
            }
        }
    }

    /// <summary>The <c>text</c> of every line of any JSON-lines corpus (span, intent or scan input).</summary>
    public static IEnumerable<string> ReadTexts(TextReader reader, Action<int, string> onError)
    {
        foreach (var (number, root) in ReadObjects(reader, onError))
        {
            string? text = null;
            try
            {
                text = RequiredString(root.RootElement, "text");
            }
            catch (InputLineException e)
            {
                onError(number, e.Message);
            }
            finally
            {
                root.Dispose();
            }

            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<(int Number, JsonDocument Root)> ReadObjects(TextReader reader, Action<int, string> onError)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onError);
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                onError(number, "not valid JSON");
            }

            if (document is null)
            {
                continue;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                onError(number, "expected a JSON object");
                continue;
            }

            yield return (number, document);
        }
    }

    private static SpanCorpusLine ParseSpans(JsonElement root)
    {
        var id = RequiredString(root, "id");
        var text = RequiredString(root, "text");
        if (!root.TryGetProperty("spans", out var spansElement) || spansElement.ValueKind != JsonValueKind.Array)
        {
            throw new InputLineException("missing \"spans\" array");
        }

        var spans = new List<LabelledSpan>();
        foreach (var span in spansElement.EnumerateArray())
        {
            if (span.ValueKind != JsonValueKind.Object || !TryGetInt(span, "start", out var start) || !TryGetInt(span, "end", out var end))
            {
                throw new InputLineException("each span needs integer \"start\" and \"end\"");
            }

            if (start < 0 || end <= start || end > text.Length)
            {
                throw new InputLineException($"span [{start}, {end}) is outside the text (length {text.Length})");
            }

            spans.Add(new LabelledSpan(start, end, RequiredString(span, "type")));
        }

        return new SpanCorpusLine(id, text, spans);
    }

    private static bool TryGetInt(JsonElement element, string name, out int value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out value);
    }

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new InputLineException($"missing \"{name}\"");

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InputLineException($"\"{name}\" must be a string");
    }
}
