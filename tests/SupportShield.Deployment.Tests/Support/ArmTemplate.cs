using System.Text.Json.Nodes;

namespace SupportShield.Deployment.Tests.Support;

/// <summary>The committed main.json and main.parameters.json, parsed.</summary>
internal static class ArmTemplate
{
    public static JsonObject Load(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.TemplatesDirectory, fileName)))!.AsObject();

    /// <summary>The template's resources, whether an array (language version 1) or keyed by symbolic name (2.0).</summary>
    public static IReadOnlyList<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()).ToList(),
        JsonObject map => map.Select(p => p.Value!.AsObject()).ToList(),
        _ => throw new InvalidOperationException("main.json has no resources."),
    };

    public static JsonObject Single(IEnumerable<JsonObject> resources, string type)
    {
        var matches = resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"exactly one {type}");
        return matches[0];
    }
}
