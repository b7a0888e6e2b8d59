namespace SupportShield.Middleware.Transcripts;

/// <summary>One line of the conversation as the agent sees it.</summary>
public sealed record TranscriptEntry(string ConversationId, TranscriptRole Role, string Text, DateTimeOffset Time)
{
    /// <summary>
    /// The id of the customer's activity this line records, when it records one: a store that keeps processed activities
    /// stores the line only once per (conversation, activity id), so a channel's redelivery of the same activity adds nothing.
    /// </summary>
    public string? ActivityId { get; init; }
}
