using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using SupportShield.Middleware.Screening;

namespace SupportShield.Middleware.HeldMessages;

/// <summary>
/// Delivers a conversation's held messages, oldest first, once the customer is verified. Each goes through the turn's
/// send pipeline, so the middleware screens it again (and still redacts what is always redacted).
/// </summary>
public sealed class HeldMessageReleaser
{
    private readonly IHeldMessageStore _store;

    public HeldMessageReleaser(IHeldMessageStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>Releases every held message of the turn's conversation. Returns how many were delivered.</summary>
    public async Task<int> ReleaseAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversationId = turnContext.Activity.Conversation.Id;
        var state = ScreeningTurnState.For(turnContext);
        var delivered = 0;
        foreach (var message in await _store.ListHeldAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            if (!await _store.TryClaimAsync(message.MessageId, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var activity = JsonConvert.DeserializeObject<Activity>(message.ActivityJson)
                ?? throw new InvalidOperationException($"Held message {message.MessageId} has no activity.");
            activity.Id = null;
            state.MarkRelease(activity, message);
            try
            {
                await turnContext.SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await _store.ReturnToHeldAsync(message.MessageId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            finally
            {
                state.ForgetRelease(activity);
            }

            if (state.Outcomes.LastOrDefault(o => o.MessageId == message.MessageId) is { Status: DeliveryStatus.Delivered or DeliveryStatus.Redacted })
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>
    /// Releases one held message of the turn's conversation on a supervisor's approval, although the customer has not
    /// verified. It goes through the send pipeline, where the guard screens it as if the customer were verified (always-
    /// redacted types are still redacted; what the policy holds even then goes back to held). Returns what became of it,
    /// or null when the conversation holds no such message in Held state (unknown, released, or claimed by someone else).
    /// </summary>
    public async Task<ScreeningOutcome?> ReleaseWithOverrideAsync(ITurnContext turnContext, string messageId, OverrideApproval approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(approval);
        var conversationId = turnContext.Activity.Conversation.Id;
        var held = await _store.ListHeldAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var message = held.FirstOrDefault(m => m.MessageId == messageId);
        if (message is null || !await _store.TryClaimAsync(messageId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var state = ScreeningTurnState.For(turnContext);
        var activity = JsonConvert.DeserializeObject<Activity>(message.ActivityJson)
            ?? throw new InvalidOperationException($"Held message {message.MessageId} has no activity.");
        activity.Id = null;
        state.MarkRelease(activity, message);
        state.MarkOverride(activity, approval);
        try
        {
            await turnContext.SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (state.Outcomes.LastOrDefault(o => o.MessageId == messageId) is null)
            {
                await _store.ReturnToHeldAsync(message.MessageId, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            state.ForgetRelease(activity);
        }

        return state.Outcomes.LastOrDefault(o => o.MessageId == messageId);
    }
}
