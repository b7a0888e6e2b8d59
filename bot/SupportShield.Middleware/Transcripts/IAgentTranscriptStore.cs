namespace SupportShield.Middleware.Transcripts;

/// <summary>The conversation's transcript for agents. Never receives one-time codes.</summary>
public interface IAgentTranscriptStore
{
    Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The conversation's last <paramref name="count"/> lines, oldest first.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default);

    /// <summary>The conversation's lines, oldest first.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the line, unless it records a customer activity (<see cref="TranscriptEntry.ActivityId"/>) already recorded:
    /// then nothing is stored and the answer is false. A store that keeps processed activities marks the activity and
    /// stores the line in one transaction; by default every line is appended.
    /// </summary>
    async Task<bool> TryAppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default)
    {
        await AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether a line of the customer's activity <paramref name="activityId"/> was recorded (false by default: the store keeps no activity ids).</summary>
    Task<bool> ContainsActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);
}
