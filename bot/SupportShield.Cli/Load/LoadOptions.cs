namespace SupportShield.Cli.Load;

/// <summary>What <c>supportshield load</c> drives.</summary>
/// <param name="Instances">Base addresses of the host instances; conversation <c>i</c> goes to instance <c>i mod n</c>, and to the next one when it cannot be reached.</param>
/// <param name="Conversations">Concurrent conversations.</param>
/// <param name="Duration">How long new rounds start.</param>
/// <param name="AgentKey">The agent key the agent API calls present.</param>
/// <param name="RoundInterval">Time between the due starts of one conversation's rounds, on a fixed timetable (<see cref="RoundSchedule"/>); long enough keeps each conversation under the host's per-conversation rate limit.</param>
/// <param name="PersonalDataEvery">Every n-th agent reply holds a street address, which the host must hold (0: never).</param>
/// <param name="Grace">How long to wait after the run for replies still on their way.</param>
/// <param name="Warmup">How long the same conversations run before the measured <paramref name="Duration"/> starts (not counted in speed or latency; still checked for lost and duplicated messages).</param>
public sealed record LoadOptions(
    IReadOnlyList<Uri> Instances,
    int Conversations,
    TimeSpan Duration,
    string AgentKey,
    TimeSpan RoundInterval,
    int PersonalDataEvery,
    TimeSpan Grace,
    TimeSpan Warmup = default)
{
    /// <summary>
    /// How long one HTTP request may take before it counts as unanswered (default 10 s). Also how long requests still in
    /// flight when the last round has started may take to finish: after that the run ends, answered or not.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long no instance may answer, while requests keep failing, before the run stops early and fails (default 30 s,
    /// longer than the 20 s a message is retried across failovers, so a short restart of an instance is ridden out).
    /// </summary>
    public TimeSpan StallLimit { get; init; } = TimeSpan.FromSeconds(30);
}
