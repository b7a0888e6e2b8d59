using SupportShield.Middleware.Transcripts;

namespace SupportShield.Bot.Agents.Contracts;

/// <summary>One transcript line.</summary>
public sealed record TranscriptLineView(TranscriptRole Role, string Text, DateTimeOffset Time);
