using Microsoft.Bot.Schema;
using SupportShield.Detection.Policy;
using SupportShield.Detection.Redaction;

namespace SupportShield.Middleware.Screening;

/// <summary>The result of screening one outgoing activity: what was found where, and what the policy decided.</summary>
public sealed class ActivityScreening
{
    internal ActivityScreening(Activity activity, IReadOnlyList<TextSlot> slots, IReadOnlyList<SlotFinding> findings, PolicyDecision decision)
    {
        Activity = activity;
        Slots = slots;
        Findings = findings;
        Decision = decision;
        var main = slots.Count > 0 ? slots[0] : null;
        MaskedPreview = main is null
            ? string.Empty
            : PreviewMasker.Mask(main.Value, findings.Where(f => f.Slot == main).Select(f => f.Finding));
    }

    public Activity Activity { get; }

    public IReadOnlyList<TextSlot> Slots { get; }

    public IReadOnlyList<SlotFinding> Findings { get; }

    public PolicyDecision Decision { get; }

    /// <summary>A masked preview of the activity's main text as screened (before redaction), for audit records.</summary>
    public string MaskedPreview { get; }

    /// <summary>Rewrites every slot that holds a finding the policy redacts.</summary>
    public void ApplyRedactions()
    {
        if (Decision.Redactions.Count == 0)
        {
            return;
        }

        var redacted = Decision.Redactions.ToHashSet();
        foreach (var group in Findings.Where(f => redacted.Contains(f.Finding)).GroupBy(f => f.Slot))
        {
            group.Key.Rewrite(Redactor.Redact(group.Key.Value, group.Select(f => f.Finding)));
        }
    }

}
