using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;

namespace SupportShield.Detection.Rules;

/// <summary>A validated rules file: what ops tune without a redeploy. Read with <see cref="RulesLoader"/>.</summary>
public sealed record RulesFile
{
    /// <summary>Minimum score of a finding when its type has no threshold of its own.</summary>
    public double Threshold { get; init; } = PiiDetector.DefaultThreshold;

    /// <summary>Per-type switches and thresholds; a type not listed is enabled with <see cref="Threshold"/>.</summary>
    public IReadOnlyDictionary<EntityType, TypeRule> Types { get; init; } = new Dictionary<EntityType, TypeRule>();

    /// <summary>The ordered policy table.</summary>
    public IReadOnlyList<PolicyRule> Policy { get; init; } = [];

    /// <summary>Step-up levels: which types each verification level unlocks (a level not listed unlocks all).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<EntityType>> StepUp { get; init; } = new Dictionary<string, IReadOnlySet<EntityType>>();

    /// <summary>Custom pattern recognizers, run after the built-in ones.</summary>
    public IReadOnlyList<CustomRecognizerRule> Recognizers { get; init; } = [];

    /// <summary>Values that are never findings.</summary>
    public AllowRules Allow { get; init; } = AllowRules.Empty;

    /// <summary>Terms that are always findings.</summary>
    public IReadOnlyList<DenyRule> Deny { get; init; } = [];
}
