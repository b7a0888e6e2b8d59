namespace SupportShield.Cli.Load;

/// <summary>
/// When each conversation's rounds are due, on a fixed timetable: conversation <c>i</c> of <c>n</c> starts <c>i/n</c> of an
/// interval in, and every round after is due one interval after the previous round was due, not after it actually
/// started. A round held up (a pause in this process, a slow host) starts late but does not move the ones after it, so
/// the conversations stay spread over the interval. Timed from each actual start instead, every hold-up would line up
/// the conversations it delayed for the rest of the run: their rounds would then arrive together, in waves that grow
/// with each hold-up, and the measured latency would be of the waves, not of the hosts. With an interval of zero every
/// round is due at once: each conversation starts its next round as soon as the last one ends.
/// </summary>
public sealed class RoundSchedule
{
    private readonly TimeSpan _interval;
    private readonly int _conversations;

    public RoundSchedule(TimeSpan interval, int conversations)
    {
        if (interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The round interval cannot be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conversations);
        _interval = interval;
        _conversations = conversations;
    }

    /// <summary>When round <paramref name="round"/> (from 0) of conversation <paramref name="conversation"/> (from 0) is due, from the start of the run.</summary>
    public TimeSpan DueAt(int conversation, int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conversation);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        return TimeSpan.FromTicks(_interval.Ticks * (conversation % _conversations) / _conversations) + (_interval * round);
    }
}
