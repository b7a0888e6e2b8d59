using Microsoft.Bot.Builder;
using SupportShield.Detection.Intent;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Middleware.Screening;

/// <summary>
/// Per-turn state shared between the middleware and the code that sends through it: who the sender of outgoing messages
/// is, which activities are releases of held messages, and what became of each outgoing activity.
/// </summary>
public sealed class ScreeningTurnState
{
    private readonly Dictionary<object, HeldMessage> _releases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, OverrideApproval> _overrides = new(ReferenceEqualityComparer.Instance);
    private readonly List<ScreeningOutcome> _outcomes = [];

    /// <summary>"agent" when a human agent's reply is being sent, otherwise "bot".</summary>
    public string SenderRole { get; set; } = SenderRoles.Bot;

    /// <summary>The agent who sends, when <see cref="SenderRole"/> is agent.</summary>
    public string? AgentId { get; set; }

    /// <summary>The intent of the customer's message in this turn, when there is one.</summary>
    public IntentResult? CustomerIntent { get; set; }

    /// <summary>
    /// The id the next message held in this turn gets instead of a random one (then cleared). A caller that retries a send
    /// (an idempotency key) derives it from its key, so that a retry can find the message an earlier attempt held.
    /// </summary>
    public string? NextHeldMessageId { get; set; }

    /// <summary>What became of each outgoing activity of this turn, in order.</summary>
    public IReadOnlyList<ScreeningOutcome> Outcomes => _outcomes;

    /// <summary>The state of <paramref name="turnContext"/>, created on first use.</summary>
    public static ScreeningTurnState For(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var state = turnContext.TurnState.Get<ScreeningTurnState>();
        if (state is null)
        {
            state = new ScreeningTurnState();
            turnContext.TurnState.Add(state);
        }

        return state;
    }

    internal void Record(ScreeningOutcome outcome) => _outcomes.Add(outcome);

    internal void MarkRelease(object activity, HeldMessage message) => _releases[activity] = message;

    internal HeldMessage? ReleaseOf(object activity) => _releases.GetValueOrDefault(activity);

    internal void ForgetRelease(object activity)
    {
        _releases.Remove(activity);
        _overrides.Remove(activity);
    }

    /// <summary>
    /// Marks one activity (by reference) as released by a supervisor's override: the outgoing guard screens it as if the
    /// customer were verified, so always-redacted types are still redacted and what the policy holds or blocks even
    /// for verified customers stays held or blocked. Honoured for this activity only, and only on a send.
    /// </summary>
    internal void MarkOverride(object activity, OverrideApproval approval) => _overrides[activity] = approval;

    internal OverrideApproval? OverrideOf(object activity) =>
        _releases.ContainsKey(activity) ? _overrides.GetValueOrDefault(activity) : null;
}
