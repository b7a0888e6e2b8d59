using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Intent;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Recognizers;

namespace SupportShield.Detection.Rules;

/// <summary>A valid rules file turned into the engine's parts: detector options, a detector and a policy table.</summary>
public sealed class CompiledRules
{
    internal CompiledRules(RulesFile file, string sourceName)
    {
        File = file;
        SourceName = sourceName;
        DetectorOptions = BuildOptions(file);
        Detector = new PiiDetector(DetectorOptions);
        PolicyTable = new PolicyTable(file.Policy, file.StepUp);
    }

    /// <summary>The validated file.</summary>
    public RulesFile File { get; }

    /// <summary>Where the rules came from (a path, or the bundled default).</summary>
    public string SourceName { get; }

    /// <summary>
    /// The detector's pipeline: the default options with the file's thresholds and disabled types, the built-in recognizers
    /// followed by the custom and deny recognizers, and the allow-list as a filter.
    /// </summary>
    public DetectorOptions DetectorOptions { get; }

    /// <summary>A detector built from <see cref="DetectorOptions"/>.</summary>
    public PiiDetector Detector { get; }

    /// <summary>The file's policy table.</summary>
    public PolicyTable PolicyTable { get; }

    /// <summary>An engine made of <see cref="Detector"/>, <paramref name="intents"/> (default classifier when null) and <see cref="PolicyTable"/>.</summary>
    public DetectionEngine CreateEngine(ICustomerIntentClassifier? intents = null) =>
        new(Detector, intents ?? new CustomerIntentClassifier(), new PolicyEvaluator(PolicyTable));

    private static DetectorOptions BuildOptions(RulesFile file)
    {
        var defaults = new DetectorOptions();
        var thresholds = new Dictionary<EntityType, double>();
        var disabled = new HashSet<EntityType>();
        foreach (var (type, rule) in file.Types)
        {
            if (!rule.Enabled)
            {
                disabled.Add(type);
            }

            if (rule.Threshold is { } threshold)
            {
                thresholds[type] = threshold;
            }
        }

        var recognizers = new List<IRecognizer>(defaults.Recognizers);
        foreach (var rule in file.Recognizers)
        {
            recognizers.Add(new CustomPatternRecognizer(rule));
        }

        if (file.Deny.Count > 0)
        {
            recognizers.Add(new DenyListRecognizer(file.Deny));
        }

        return defaults with
        {
            Threshold = file.Threshold,
            TypeThresholds = thresholds,
            DisabledTypes = disabled,
            Recognizers = recognizers,
            Filters = file.Allow.IsEmpty ? defaults.Filters : [.. defaults.Filters, new AllowListFilter(file.Allow)],
        };
    }
}
