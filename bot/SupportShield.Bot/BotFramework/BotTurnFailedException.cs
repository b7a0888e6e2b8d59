namespace SupportShield.Bot.BotFramework;

/// <summary>A proactive turn failed (storage or channel unreachable); its caller reports the failure.</summary>
public sealed class BotTurnFailedException : Exception
{
    public BotTurnFailedException()
    {
    }

    public BotTurnFailedException(string message)
        : base(message)
    {
    }

    public BotTurnFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
