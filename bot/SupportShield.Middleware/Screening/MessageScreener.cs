using Microsoft.Bot.Schema;
using SupportShield.Detection.Accounts;
using SupportShield.Detection.Engine;
using SupportShield.Detection.Entities;
using SupportShield.Detection.Policy;

namespace SupportShield.Middleware.Screening;

/// <summary>
/// Screens an activity: collects its text slots, asks the detection engine for findings, and the policy for a decision.
/// Fails closed: text too large to screen is blocked, and a detection error holds the message.
/// </summary>
public sealed class MessageScreener
{
    /// <summary>Rule id of the decision taken when the engine throws.</summary>
    public const string ErrorRuleId = "screening.error";

    /// <summary>Rule id of the decision taken when an activity is larger than the limit.</summary>
    public const string TooLargeRuleId = "screening.too-large";

    private readonly IDetectionEngineSource _engines;
    private readonly ScreeningOptions _options;

    public MessageScreener(IDetectionEngineSource engines, ScreeningOptions options)
    {
        _engines = engines ?? throw new ArgumentNullException(nameof(engines));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// Screens <paramref name="activity"/> (rewriting typed cards into JSON in place, but not redacting yet). The main text
    /// is screened together with <paramref name="history"/>, so that a value completed by this message is caught.
    /// </summary>
    /// <param name="activity">The outgoing activity.</param>
    /// <param name="account">The linked account's values, or null.</param>
    /// <param name="context">Direction and verification state.</param>
    /// <param name="history">The conversation's recent lines.</param>
    /// <param name="disclosuresLocked">The account holder locked chat disclosures: on-file data is held even after verification.</param>
    public ActivityScreening Screen(Activity activity, AccountValues? account, PolicyContext context, ScreeningHistory? history = null, bool disclosuresLocked = false)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<TextSlot> slots;
        try
        {
            slots = ActivityTextSlots.Collect(activity);
        }
#pragma warning disable CA1031 // Any failure to read the activity must hold it, never let it through.
        catch (Exception)
#pragma warning restore CA1031
        {
            return FailClosed(activity, [], ErrorRuleId, PolicyAction.Hold, "could not be read for screening; held to be safe");
        }

        var size = slots.Sum(s => s.Value.Length);
        if (size > _options.MaxActivityCharacters)
        {
            return FailClosed(
                activity,
                slots,
                TooLargeRuleId,
                PolicyAction.Block,
                $"message has {size} characters, more than the {_options.MaxActivityCharacters} that can be screened; split it into smaller messages");
        }

        try
        {
            var engine = _engines.Current;
            history ??= ScreeningHistory.None;
            var findings = new List<SlotFinding>();
            foreach (var slot in slots)
            {
                var isMainText = slot.Name == "text";
                var result = engine.Analyze(new AnalysisRequest(slot.Value)
                {
                    Role = MessageRole.Agent,
                    Account = account,
                    CustomerVerified = context.CustomerVerified,
                    RecentFromSameSender = isMainText ? history.RecentFromSameSender : [],
                    PreviousFromOtherParty = isMainText ? history.PreviousFromCustomer : null,
                });
                foreach (var finding in result.AllFindings)
                {
                    findings.Add(new SlotFinding(slot, finding));
                }
            }

            var decision = engine.Policy.Evaluate(findings.Select(f => f.Finding).ToList(), context);
            if (disclosuresLocked)
            {
                decision = ApplyDisclosureLock(decision, findings);
            }

            return new ActivityScreening(activity, slots, findings, decision);
        }
#pragma warning disable CA1031 // Detection failure fails closed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return FailClosed(activity, slots, ErrorRuleId, PolicyAction.Hold, "screening failed; held to be safe");
        }
    }

    /// <summary>Rule id of the hold that an account holder's disclosure lock adds.</summary>
    public const string DisclosureLockRuleId = "account.disclosure-lock";

    private static PolicyDecision ApplyDisclosureLock(PolicyDecision decision, IReadOnlyList<SlotFinding> findings)
    {
        var onFile = findings.Where(f => f.Finding.IsOnFile).Select(f => f.Finding).ToList();
        if (onFile.Count == 0 || decision.Action >= PolicyAction.Hold)
        {
            return decision;
        }

        var reasons = decision.Reasons.Concat(onFile.Select(f => new DecisionReason(
            f.Type.ToCanonicalName(),
            f.RuleId,
            DisclosureLockRuleId,
            PolicyAction.Hold,
            $"{EntityDescriptions.Describe(f)}; the account holder locked chat disclosures"))).ToList();
        return new PolicyDecision(PolicyAction.Hold, reasons, decision.Redactions);
    }

    private static ActivityScreening FailClosed(Activity activity, IReadOnlyList<TextSlot> slots, string rule, PolicyAction action, string detail) =>
        new(
            activity,
            slots,
            [],
            new PolicyDecision(action, [new DecisionReason("UNSCREENED", rule, "screening.fail-closed", action, detail)], []));
}
