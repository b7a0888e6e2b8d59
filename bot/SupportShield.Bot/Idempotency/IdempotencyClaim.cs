namespace SupportShield.Bot.Idempotency;

/// <summary>The outcome of <see cref="IIdempotencyStore.TryClaimAsync"/>.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="TakenOver">Claimed after an earlier attempt on the key: one whose lease ran out, or one that gave the key up. That attempt may have done part of the work (held the message, say); a key claimed for the first time (false) has none behind it.</param>
/// <param name="MayHaveBeenSent">Taken over from a holder that had started the channel send and never recorded its end: the message may have reached the channel.</param>
/// <param name="MessageId">The message id recorded with <see cref="IdempotencyClaimKind.Sent"/> or <see cref="IdempotencyClaimKind.Completed"/>.</param>
/// <param name="Status">The delivery status recorded with it (a <c>DeliveryStatus</c> name).</param>
/// <param name="ResponseJson">The stored answer of a completed key.</param>
/// <param name="RetryAfter">With <see cref="IdempotencyClaimKind.InProgress"/>: until the holder's lease runs out.</param>
public sealed record IdempotencyClaim(
    IdempotencyClaimKind Kind,
    bool TakenOver = false,
    bool MayHaveBeenSent = false,
    string? MessageId = null,
    string? Status = null,
    string? ResponseJson = null,
    TimeSpan RetryAfter = default);
