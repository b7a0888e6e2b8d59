using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Policy;

/// <summary>
/// One row of the policy table. A finding takes the action of the first row whose conditions all hold;
/// a null or empty condition matches anything.
/// </summary>
public sealed record PolicyRule
{
    /// <summary>Stable id, shown in reasons and audit records.</summary>
    public required string Id { get; init; }

    public ScreeningDirection? Direction { get; init; }

    /// <summary>Matches only when the customer's verification state equals this value.</summary>
    public bool? CustomerVerified { get; init; }

    /// <summary>Entity types the row applies to; empty means all.</summary>
    public IReadOnlySet<EntityType> Types { get; init; } = new HashSet<EntityType>();

    /// <summary>Entity types the row never applies to.</summary>
    public IReadOnlySet<EntityType> ExceptTypes { get; init; } = new HashSet<EntityType>();

    /// <summary>Matches only on-file findings (true) or only other findings (false).</summary>
    public bool? OnFile { get; init; }

    public required PolicyAction Action { get; init; }

    /// <summary>Plain words for the agent, for example "customer not verified".</summary>
    public required string Reason { get; init; }

    /// <summary>True when this row applies to <paramref name="finding"/> in <paramref name="context"/>.</summary>
    public bool Matches(Finding finding, PolicyContext context) => Matches(finding, context, context?.CustomerVerified ?? false);

    /// <summary>
    /// True when this row applies to <paramref name="finding"/>, with <paramref name="verifiedForType"/> saying whether the
    /// customer's verification unlocks the finding's type (see <see cref="PolicyTable.Unlocks"/>).
    /// </summary>
    public bool Matches(Finding finding, PolicyContext context, bool verifiedForType)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(context);
        return (Direction is null || Direction == context.Direction)
            && (CustomerVerified is null || CustomerVerified == verifiedForType)
            && (Types.Count == 0 || Types.Contains(finding.Type))
            && !ExceptTypes.Contains(finding.Type)
            && (OnFile is null || OnFile == finding.IsOnFile);
    }
}
