using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.AgentConsole.Events;

/// <summary>A transcript line pushed to the console (a customer's line masked).</summary>
public sealed record TranscriptLineEvent(string ConversationId, TranscriptRole Role, string Text, DateTimeOffset Time);
