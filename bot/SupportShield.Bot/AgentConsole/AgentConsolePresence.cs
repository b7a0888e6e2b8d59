namespace SupportShield.Bot.AgentConsole;

/// <summary>
/// The agent consoles connected to this instance, counted as <see cref="AgentHub"/> reports them: what a single instance
/// (Redis off) needs, and what <see cref="Redis.RedisAgentConsolePresence"/> shares with the other instances.
/// </summary>
public sealed class AgentConsolePresence : IAgentConsolePresence
{
    private int _connected;

    /// <summary>How many consoles are connected to this instance now.</summary>
    public int ConnectedHere => Volatile.Read(ref _connected);

    /// <inheritdoc />
    public bool AnyConsoleConnected => ConnectedHere > 0;

    /// <inheritdoc />
    public void ConsoleConnected() => Interlocked.Increment(ref _connected);

    /// <inheritdoc />
    public void ConsoleDisconnected()
    {
        // Never below zero, even if a disconnect were reported twice: a negative count would hide a later console.
        int current;
        do
        {
            current = Volatile.Read(ref _connected);
            if (current == 0)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _connected, current - 1, current) != current);
    }
}
