namespace SupportShield.Middleware.Transcripts;

/// <summary>One line of the conversation as the agent sees it.</summary>
public sealed record TranscriptEntry(string ConversationId, TranscriptRole Role, string Text, DateTimeOffset Time);
