using System.Globalization;

namespace SupportShield.Cli.Load;

/// <summary>
/// What a load run has heard from each host instance: requests it answered (with any HTTP status) and requests it did
/// not (connection refused, no answer within the request timeout), with the reason of the last failure. Tells when no
/// instance has answered for a while, so that a run against hosts that are gone stops instead of retrying to its end.
/// </summary>
public sealed class InstanceReachability
{
    private readonly IReadOnlyList<Uri> _instances;
    private readonly TimeProvider _time;
    private readonly long[] _answered;
    private readonly long[] _failed;
    private readonly string?[] _lastFailure;
    private long _lastAnswerAt;
    private long _lastFailureAt;

    /// <summary>Starts with nothing heard; the silence that <see cref="Stalled"/> measures starts now.</summary>
    public InstanceReachability(IReadOnlyList<Uri> instances, TimeProvider time)
    {
        _instances = instances ?? throw new ArgumentNullException(nameof(instances));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _answered = new long[instances.Count];
        _failed = new long[instances.Count];
        _lastFailure = new string?[instances.Count];
        _lastAnswerAt = time.GetTimestamp();
        _lastFailureAt = long.MinValue;
    }

    /// <summary>Notes that <paramref name="instance"/> answered a request, whatever its status.</summary>
    public void Answered(int instance)
    {
        Interlocked.Increment(ref _answered[instance]);
        RaiseTo(ref _lastAnswerAt, _time.GetTimestamp());
    }

    /// <summary>Notes that <paramref name="instance"/> did not answer a request, and why (never the request's content).</summary>
    public void Failed(int instance, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Interlocked.Increment(ref _failed[instance]);
        Volatile.Write(ref _lastFailure[instance], reason);
        RaiseTo(ref _lastFailureAt, _time.GetTimestamp());
    }

    /// <summary>Requests <paramref name="instance"/> answered.</summary>
    public long AnswersFrom(int instance) => Interlocked.Read(ref _answered[instance]);

    /// <summary>Requests <paramref name="instance"/> did not answer.</summary>
    public long FailuresOf(int instance) => Interlocked.Read(ref _failed[instance]);

    /// <summary>
    /// Whether no instance has answered for <paramref name="limit"/> while requests kept failing: quiet because nothing
    /// was asked (conversations between rounds) is not a stall.
    /// </summary>
    public bool Stalled(TimeSpan limit)
    {
        var lastAnswer = Interlocked.Read(ref _lastAnswerAt);
        return Interlocked.Read(ref _lastFailureAt) > lastAnswer && _time.GetElapsedTime(lastAnswer) >= limit;
    }

    /// <summary>
    /// The instances that failed requests, each with the reason of its last failure and how many failed, for example
    /// <c>http://127.0.0.1:5999/: connection refused (12 requests failed)</c>; instances are joined with "; ".
    /// </summary>
    public string DescribeFailures()
    {
        var parts = new List<string>();
        for (var i = 0; i < _instances.Count; i++)
        {
            var failed = FailuresOf(i);
            if (failed > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_instances[i]}: {Volatile.Read(ref _lastFailure[i])} ({failed:N0} request{(failed == 1 ? string.Empty : "s")} failed)"));
            }
        }

        return string.Join("; ", parts);
    }

    /// <summary>Moves <paramref name="field"/> forward to <paramref name="timestamp"/>: concurrent notes may come in out of order.</summary>
    private static void RaiseTo(ref long field, long timestamp)
    {
        var current = Interlocked.Read(ref field);
        while (timestamp > current)
        {
            var seen = Interlocked.CompareExchange(ref field, timestamp, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
