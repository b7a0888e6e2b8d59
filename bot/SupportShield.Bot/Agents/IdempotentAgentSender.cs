using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Agents.Contracts;
using SupportShield.Bot.Idempotency;
using SupportShield.Bot.RateLimiting;
using SupportShield.Middleware.HeldMessages;
using SupportShield.Middleware.Screening;

namespace SupportShield.Bot.Agents;

/// <summary>
/// Sends an agent's reply at most once per idempotency key, whichever instance a retry lands on. The key is claimed in
/// the shared database with a lease before anything is screened; the moment the channel accepts the message is
/// recorded before the transcript and audit are written; the answer is stored and replayed to every retry. A held reply
/// is held under an id derived from the key, so a retry after a crash finds it instead of holding it twice.
/// </summary>
/// <remarks>
/// Residual window: the start of the channel send is recorded (Sending) and so is its end (Sent). An instance that dies
/// between the two leaves it unknown whether the channel got the message (a Bot Framework channel cannot be asked, nor
/// does it drop a repeated activity); once the lease runs out a retry sends it again (at least once: a reply that was
/// already screened for this customer, never one that should have been held) and answers
/// <c>"possibleDuplicate": true</c>. An instance that dies before Sending is recorded never reached the channel: its
/// retry sends once. One that dies after Sent leaves a replay with the status but no reasons, delivered text, transcript
/// line or audit record of that message.
/// </remarks>
public sealed class IdempotentAgentSender
{
    /// <summary>Header carrying the client's idempotency key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Header set on a replayed answer.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly AgentConversationService _service;
    private readonly IIdempotencyStore _keys;
    private readonly IHeldMessageStore _held;
    private readonly IOptions<IdempotencyOptions> _options;

    public IdempotentAgentSender(AgentConversationService service, IIdempotencyStore keys, IHeldMessageStore held, IOptions<IdempotencyOptions> options)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _held = held ?? throw new ArgumentNullException(nameof(held));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>What is wrong with <paramref name="key"/>, or null when it can be used (1 to 200 visible ASCII characters).</summary>
    public static string? Problem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length is < 1 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? $"'{HeaderName}' must be 1 to {MaxKeyLength} visible ASCII characters."
            : null;
    }

    /// <summary>
    /// Sends <paramref name="text"/> once for (<paramref name="conversationId"/>, <paramref name="key"/>);
    /// <paramref name="acquire"/> is asked for a rate-limit permit only when this attempt does the work.
    /// </summary>
    public async Task<AgentSendResult> SendAsync(
        string conversationId,
        string agentId,
        string text,
        string key,
        Func<CancellationToken, Task<RateLimitDecision?>> acquire,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acquire);
        var scope = "agent-message:" + conversationId;
        var owner = Guid.NewGuid().ToString("N");
        var claim = await _keys.TryClaimAsync(scope, key, owner, _options.Value.Lease, cancellationToken).ConfigureAwait(false);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Completed:
                return new AgentSendResult(JsonSerializer.Deserialize<SendAgentMessageResponse>(claim.ResponseJson!, Json), Replayed: true);
            case IdempotencyClaimKind.Sent:
                return new AgentSendResult(new SendAgentMessageResponse(claim.MessageId!, Enum.Parse<DeliveryStatus>(claim.Status!), null, []), Replayed: true);
            case IdempotencyClaimKind.InProgress:
                return new AgentSendResult(null, InProgressFor: claim.RetryAfter);
        }

        var accepted = false;
        try
        {
            var heldId = HeldMessageId(conversationId, key);

            // Only an attempt after an earlier one (which may have held the message before it failed or died) has a held
            // message to look for; a key claimed for the first time, nearly every send, skips the read.
            if (claim.TakenOver
                && (await _held.ListAllAsync(conversationId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => m.MessageId == heldId) is { } earlier)
            {
                // An earlier attempt held it and stopped before answering: that is the answer.
                var held = new SendAgentMessageResponse(heldId, DeliveryStatus.Held, null, earlier.Reasons.Select(ReasonView.From).ToList());
                await CompleteAsync(scope, key, owner, held, cancellationToken).ConfigureAwait(false);
                return new AgentSendResult(held, Replayed: true);
            }

            if (await acquire(cancellationToken).ConfigureAwait(false) is { Allowed: false } limit)
            {
                await AbandonAsync(scope, key, owner).ConfigureAwait(false);
                return new AgentSendResult(null, RateLimit: limit);
            }

            var outcome = await _service.SendAsync(
                conversationId,
                agentId,
                text,
                heldId,
                async () =>
                {
                    if (!await _keys.MarkSendingAsync(scope, key, owner, cancellationToken).ConfigureAwait(false))
                    {
                        // This attempt was slower than its lease and a retry took the key over: that retry sends, not this one.
                        throw new InvalidOperationException("The idempotency key was taken over by a retry; this attempt sends nothing.");
                    }
                },
                async (activities, sent) =>
                {
                    accepted = true;
                    var id = (sent.Length > 0 ? sent[0]?.Id : null) ?? (activities.Count > 0 ? activities[0].Id : null) ?? string.Empty;
                    var status = activities.Count == 1 && activities[0].Text == text ? DeliveryStatus.Delivered : DeliveryStatus.Redacted;
                    await _keys.MarkSentAsync(scope, key, owner, id, status.ToString(), CancellationToken.None).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                await AbandonAsync(scope, key, owner).ConfigureAwait(false);
                return new AgentSendResult(null, UnknownConversation: true);
            }

            var response = new SendAgentMessageResponse(
                outcome.MessageId,
                outcome.Status,
                outcome.DeliveredText,
                outcome.Reasons.Select(ReasonView.From).ToList(),
                claim.MayHaveBeenSent && outcome.Status is DeliveryStatus.Delivered or DeliveryStatus.Redacted ? true : null);
            await CompleteAsync(scope, key, owner, response, CancellationToken.None).ConfigureAwait(false);
            return new AgentSendResult(response);
        }
        catch when (!accepted)
        {
            // Nothing reached the channel: a retry claims the key at once (and finds a message held meanwhile by its id).
            await AbandonAsync(scope, key, owner).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The id a reply sent with <paramref name="key"/> is held under.</summary>
    internal static string HeldMessageId(string conversationId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + key));
        return "held-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private Task CompleteAsync(string scope, string key, string owner, SendAgentMessageResponse response, CancellationToken cancellationToken) =>
        // The delivered text is not kept with the key (the transcript has it); a replay answers without it.
        _keys.CompleteAsync(scope, key, owner, response.MessageId, response.Status.ToString(), JsonSerializer.Serialize(response with { DeliveredText = null }, Json), cancellationToken);

    private async Task AbandonAsync(string scope, string key, string owner)
    {
        try
        {
            await _keys.AbandonAsync(scope, key, owner, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Best effort: when the database is down, the key's lease runs out instead.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
