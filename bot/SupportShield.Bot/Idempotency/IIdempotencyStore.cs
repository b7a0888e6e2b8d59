namespace SupportShield.Bot.Idempotency;

/// <summary>
/// Idempotency keys in the shared database, so that a request retried on any instance does its work once. A key is
/// claimed with a lease by one owner (one request); the owner records when the channel accepted the message
/// (<see cref="MarkSentAsync"/>) and the answer (<see cref="CompleteAsync"/>). A retry finds the answer, or the key in
/// progress, or, once the lease ran out without a send recorded, takes it over.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims (<paramref name="scope"/>, <paramref name="key"/>) for <paramref name="owner"/> until now + <paramref name="lease"/>, or says what holds it.</summary>
    Task<IdempotencyClaim> TryClaimAsync(string scope, string key, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the channel send starts now (a holder that dies from here on may have sent the message). False when
    /// <paramref name="owner"/> no longer holds the key (its lease ran out and a retry took it over): then it must not send.
    /// </summary>
    Task<bool> MarkSendingAsync(string scope, string key, string owner, CancellationToken cancellationToken = default);

    /// <summary>Records that the channel accepted the message (before anything else is recorded).</summary>
    Task MarkSentAsync(string scope, string key, string owner, string messageId, string status, CancellationToken cancellationToken = default);

    /// <summary>Records the answer; later claims replay it.</summary>
    Task CompleteAsync(string scope, string key, string owner, string messageId, string status, string responseJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the key up when nothing was sent (the work failed before the channel), so that a retry claims it at once,
    /// as <see cref="IdempotencyClaim.TakenOver"/>.
    /// </summary>
    Task AbandonAsync(string scope, string key, string owner, CancellationToken cancellationToken = default);
}
