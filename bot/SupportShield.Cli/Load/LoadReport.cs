namespace SupportShield.Cli.Load;

/// <summary>What a load run measured.</summary>
public sealed record LoadReport
{
    /// <summary>Whether the conversations ran: false when no instance could be reached at the start.</summary>
    public bool Started { get; init; } = true;

    public required int Instances { get; init; }
    public required int Conversations { get; init; }
    public required double Seconds { get; init; }
    public required long CustomerTurns { get; init; }
    public required long AgentTurns { get; init; }
    public required double TurnsPerSecond { get; init; }
    public required double P50Milliseconds { get; init; }
    public required double P90Milliseconds { get; init; }
    public required double P99Milliseconds { get; init; }
    public required double MaxMilliseconds { get; init; }

    /// <summary>
    /// How late the measured rounds started against the timetable (<see cref="RoundSchedule"/>), 99th percentile: the load
    /// command's own delay (its pauses, or a round still waiting for the previous one). Large against the interval, the
    /// run did not offer the load it was asked for. NaN without a timetable (an interval of zero) or a measured round.
    /// </summary>
    public double LateStartP99Milliseconds { get; init; }

    /// <summary>The latest any measured round started against the timetable.</summary>
    public double LateStartMaxMilliseconds { get; init; }

    /// <summary>Upper bound of the bucket holding the median time SupportShield added to a turn, from the hosts' histograms.</summary>
    public required double MiddlewareP50Milliseconds { get; init; }

    /// <summary>Upper bound of the bucket holding the 99th percentile of the time SupportShield added to a turn.</summary>
    public required double MiddlewareP99Milliseconds { get; init; }
    public required double MiddlewareMeanMilliseconds { get; init; }
    public required long MiddlewareSamples { get; init; }
    public required long Delivered { get; init; }
    public required long Held { get; init; }
    public required long Redacted { get; init; }
    public required long RateLimited { get; init; }
    public required long Errors { get; init; }

    /// <summary>Of <see cref="Errors"/>, the messages no instance answered (refused, timed out, or cut off by the end of the run).</summary>
    public long Unanswered { get; init; }
    public required long Failovers { get; init; }

    /// <summary>Requests answered 409 (same idempotency key in progress) or 503 and sent again with the same activity id or key.</summary>
    public long Retries { get; init; }

    /// <summary>Messages the host accepted that never arrived (agent replies at the channel, customer messages in the transcript).</summary>
    public required long Lost { get; init; }

    /// <summary>Agent replies the host answered delivered or redacted that never reached the channel.</summary>
    public long LostAgentReplies { get; init; }

    /// <summary>Customer messages the host accepted that are missing from the agent's view of the conversation.</summary>
    public long LostCustomerMessages { get; init; }

    /// <summary>
    /// Customer messages the host accepted whose conversation's transcript could not be read after the run (the hosts
    /// were gone), so that neither their loss nor their duplication could be checked.
    /// </summary>
    public long UncheckedCustomerMessages { get; init; }

    /// <summary>Messages that arrived more than once.</summary>
    public required long Duplicated { get; init; }

    /// <summary>
    /// Of <see cref="Duplicated"/>, the agent replies whose answer said <c>possibleDuplicate</c>: an instance died while
    /// sending them, and the retry could not know whether the channel had them.
    /// </summary>
    public long DuplicatedFlagged { get; init; }

    /// <summary>Replies the host should have held that reached the channel.</summary>
    public required long Leaked { get; init; }

    /// <summary>Instances whose metrics could not be read after the run (their middleware figures are left out).</summary>
    public required IReadOnlyList<string> UnreadInstances { get; init; }

    /// <summary>
    /// Why the run failed to measure anything worth reporting, or null: no instance could be reached, every instance
    /// stopped answering, or no message was accepted.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>Whether the run did not fail, every accepted message was checked, and nothing was lost, duplicated or leaked.</summary>
    public bool Clean => Failure is null && UncheckedCustomerMessages == 0 && Lost == 0 && Duplicated == 0 && Leaked == 0;
}
