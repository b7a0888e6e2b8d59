using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Policy;

/// <summary>An ordered list of <see cref="PolicyRule"/>s: policy as data, not as code.</summary>
public sealed class PolicyTable
{
    public PolicyTable(IEnumerable<PolicyRule> rules, IReadOnlyDictionary<string, IReadOnlySet<EntityType>>? stepUp = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        StepUp = stepUp ?? new Dictionary<string, IReadOnlySet<EntityType>>();
        var duplicate = Rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Policy rule id '{duplicate.Key}' is used more than once.", nameof(rules));
        }
    }

    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>
    /// Step-up levels: for a verification level (see <see cref="VerificationLevels"/>), the types it unlocks. A level not
    /// listed, or an unknown level, unlocks every type.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<EntityType>> StepUp { get; }

    /// <summary>True when a customer verified at <paramref name="level"/> may receive data of <paramref name="type"/>.</summary>
    public bool Unlocks(string? level, EntityType type) =>
        level is null || !StepUp.TryGetValue(level, out var types) || types.Contains(type);

    /// <summary>
    /// The default table. Before verification, outgoing personal data is held (links, and names that are not the account
    /// holder's, excepted). After verification on-file data flows, but full card numbers, SSNs and secrets (passwords,
    /// one-time codes) are always redacted.
    /// </summary>
    public static PolicyTable Default { get; } = new(
    [
        new PolicyRule
        {
            Id = "outgoing.links.allow",
            Direction = ScreeningDirection.Outgoing,
            Types = new HashSet<EntityType> { EntityType.Url },
            Action = PolicyAction.Allow,
            Reason = "links are not personal data",
        },
        new PolicyRule
        {
            Id = "outgoing.names.allow",
            Direction = ScreeningDirection.Outgoing,
            Types = new HashSet<EntityType> { EntityType.Person },
            OnFile = false,
            Action = PolicyAction.Allow,
            Reason = "a name that is not the account holder's on file (agents greet customers by the name they gave)",
        },
        new PolicyRule
        {
            Id = "outgoing.unverified.hold",
            Direction = ScreeningDirection.Outgoing,
            CustomerVerified = false,
            Action = PolicyAction.Hold,
            Reason = "customer not verified",
        },
        new PolicyRule
        {
            Id = "outgoing.always-redact",
            Direction = ScreeningDirection.Outgoing,
            Types = new HashSet<EntityType> { EntityType.CreditCard, EntityType.Ssn, EntityType.PasswordOrSecret },
            Action = PolicyAction.Redact,
            Reason = "never sent in chat, even to a verified customer",
        },
        new PolicyRule
        {
            Id = "outgoing.verified.allow",
            Direction = ScreeningDirection.Outgoing,
            CustomerVerified = true,
            Action = PolicyAction.Allow,
            Reason = "customer verified",
        },
        new PolicyRule
        {
            Id = "incoming.allow",
            Direction = ScreeningDirection.Incoming,
            Action = PolicyAction.Allow,
            Reason = "the customer's own message",
        },
    ]);

    /// <summary>Finds the first rule that applies, or null (then the evaluator's fallback applies).</summary>
    public PolicyRule? FirstMatch(Finding finding, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(context);
        var verified = context.CustomerVerified && Unlocks(context.VerificationLevel, finding.Type);
        foreach (var rule in Rules)
        {
            if (rule.Matches(finding, context, verified))
            {
                return rule;
            }
        }

        return null;
    }
}
