using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Redaction;
using SupportShield.Middleware.Security;

namespace SupportShield.Middleware.Audit;

/// <summary>Builds audit records from findings and decisions: types, rule ids, masked previews and keyed hashes only.</summary>
public sealed class AuditRecordFactory
{
    /// <summary>Purpose string of the keyed hashes of matched values.</summary>
    public const string ValueHashPurpose = "audit-value";

    private readonly KeyedHasher _hasher;
    private readonly TimeProvider _time;

    public AuditRecordFactory(KeyedHasher hasher, TimeProvider time)
    {
        _hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>A record of a screening decision over <paramref name="findings"/>.</summary>
    public AuditRecord ForDecision(
        string conversationId,
        string direction,
        string action,
        IReadOnlyCollection<Finding> findings,
        IEnumerable<DecisionReason> reasons,
        string? maskedPreview,
        string? messageId = null,
        IEnumerable<string>? extraRuleIds = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(reasons);
        var reasonList = reasons.ToList();
        var types = findings.Select(f => f.Type.ToCanonicalName())
            .Concat(reasonList.Select(r => r.Type))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var rules = findings.Select(f => f.RuleId)
            .Concat(reasonList.Select(r => r.PolicyRule))
            .Concat(extraRuleIds ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var hashes = findings.Select(f => HashValue(f.Value)).Distinct(StringComparer.Ordinal).ToList();
        return new AuditRecord(_time.GetUtcNow(), conversationId, direction, action, types, rules, maskedPreview, hashes, messageId);
    }

    /// <summary>A record of an event without findings, for example a verification step.</summary>
    public AuditRecord ForEvent(string conversationId, string direction, string action, IEnumerable<string> ruleIds, string? messageId = null) =>
        new(_time.GetUtcNow(), conversationId, direction, action, [], ruleIds.ToList(), null, [], messageId);

    /// <summary>The keyed hash of a matched value, normalised so that the same value in other formatting correlates.</summary>
    public string HashValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalised = new string(value.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return _hasher.HashHex(ValueHashPurpose, normalised);
    }

    /// <summary>A masked preview of <paramref name="text"/>.</summary>
    public static string Preview(string text, IEnumerable<Finding> findings) => PreviewMasker.Mask(text, findings);
}
