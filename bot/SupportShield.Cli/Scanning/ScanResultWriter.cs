using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;

namespace SupportShield.Cli.Scanning;

/// <summary>
/// Writes one output line per message: <c>{"id", "findings": [{"type", "start", "end", "score", "rule"}], "intent"}</c>.
/// Offsets are UTF-16 indices into the original text, end exclusive. The matched text itself is never written.
/// </summary>
public sealed class ScanResultWriter : IDisposable
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    public ScanResultWriter(TextWriter output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false });
    }

    /// <summary>Writes the line for <paramref name="id"/> and its result.</summary>
    public void Write(string id, AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(result);
        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("id", id);
        _json.WriteStartArray("findings");
        foreach (var finding in result.AllFindings)
        {
            WriteFinding(finding);
        }

        _json.WriteEndArray();
        _json.WriteString("intent", IntentNames.Of(result.Intent));
        _json.WriteEndObject();
        _json.Flush();
        _output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void WriteFinding(Finding finding)
    {
        _json.WriteStartObject();
        _json.WriteString("type", finding.Type.ToCanonicalName());
        _json.WriteNumber("start", finding.Start);
        _json.WriteNumber("end", finding.End);
        // Four decimals: scores are sums of tuned constants, and 0.85000000000000009 helps nobody.
        _json.WriteNumber("score", Math.Round(finding.Score, 4));
        _json.WriteString("rule", finding.RuleId);
        _json.WriteEndObject();
    }
}
