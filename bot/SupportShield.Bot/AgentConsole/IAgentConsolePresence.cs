namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// Whether any agent console is connected, so that <see cref="SignalRConversationEvents"/> builds and pushes nothing while
/// nobody listens. <see cref="AgentHub"/> reports its connections here. A console that connects loads the conversation list
/// and the open conversation over HTTP, so the pushes skipped while no console was connected are never missed.
/// </summary>
public interface IAgentConsolePresence
{
    /// <summary>
    /// True while a console is connected to this instance or, with Redis, to any instance; true as well whenever that is
    /// not known (Redis unreachable), since a needless push is harmless and a skipped one could hide something from an agent.
    /// </summary>
    bool AnyConsoleConnected { get; }

    /// <summary>A console connected to this instance's hub.</summary>
    void ConsoleConnected();

    /// <summary>A console that had connected to this instance's hub disconnected.</summary>
    void ConsoleDisconnected();
}
