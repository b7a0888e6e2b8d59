namespace SupportShield.Middleware.Transcripts;

/// <summary>The conversation's transcript for agents. Never receives one-time codes.</summary>
public interface IAgentTranscriptStore
{
    Task AppendAsync(TranscriptEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The conversation's last <paramref name="count"/> lines, oldest first.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ListRecentAsync(string conversationId, int count, CancellationToken cancellationToken = default);

    /// <summary>The conversation's lines, oldest first.</summary>
    Task<IReadOnlyList<TranscriptEntry>> ListAsync(string conversationId, CancellationToken cancellationToken = default);
}
