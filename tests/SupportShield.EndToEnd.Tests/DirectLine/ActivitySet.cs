using System.Text.Json;

namespace SupportShield.EndToEnd.Tests.DirectLine;

/// <summary>A Direct Line <c>{activities, watermark}</c> body.</summary>
internal sealed record ActivitySet(IReadOnlyList<JsonElement> Activities, string? Watermark)
{
    public static ActivitySet Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement.Clone();
        return new ActivitySet(
            root.GetProperty("activities").EnumerateArray().ToList(),
            root.TryGetProperty("watermark", out var watermark) ? watermark.GetString() : null);
    }
}
