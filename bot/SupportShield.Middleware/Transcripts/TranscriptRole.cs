namespace SupportShield.Middleware.Transcripts;

/// <summary>Who wrote a transcript line.</summary>
public enum TranscriptRole
{
    Customer,
    Agent,
    Bot,
}
