namespace SupportShield.Detection.Rules;

/// <summary>Reads and validates rules files; see the bundled <c>Rules/default-rules.yaml</c> for the format.</summary>
public static class RulesLoader
{
    /// <summary>The source name of the bundled default rules.</summary>
    public const string DefaultSourceName = "bundled default-rules.yaml";

    private const string DefaultResourceName = "SupportShield.Detection.Rules.default-rules.yaml";

    private static readonly Lazy<string> DefaultYamlText = new(ReadDefaultResource);

    /// <summary>The text of the bundled default rules file (today's behaviour, documented for ops).</summary>
    public static string DefaultYaml => DefaultYamlText.Value;

    /// <summary>Parses and validates <paramref name="yaml"/>; <paramref name="sourceName"/> names it in errors and status.</summary>
    public static RulesLoadResult Load(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var parser = new RulesParser();
        var file = parser.Parse(yaml);
        return file is null
            ? RulesLoadResult.Failure(sourceName, parser.Errors)
            : RulesLoadResult.Success(new CompiledRules(file, sourceName));
    }

    /// <summary>Loads the bundled default rules, which are always valid.</summary>
    public static CompiledRules LoadDefault()
    {
        var result = Load(DefaultYaml, DefaultSourceName);
        return result.Succeeded ? result.Rules : throw new InvalidOperationException(result.Describe());
    }

    /// <summary>Reads and loads the rules file at <paramref name="path"/>; I/O errors are thrown, not reported.</summary>
    public static RulesLoadResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Load(File.ReadAllText(path), path);
    }

    private static string ReadDefaultResource()
    {
        using var stream = typeof(RulesLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The bundled rules resource {DefaultResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
