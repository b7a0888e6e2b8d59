using Newtonsoft.Json.Linq;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// One Direct Line conversation in memory: its activity log (each entry numbered; the watermark is the number of the
/// last entry a client has), bounded to the newest entries, and a signal for streams waiting for new ones.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly object _gate = new();
    private readonly LinkedList<Entry> _log = new();
    private readonly int _maxActivities;
    private TaskCompletionSource _changed = NewSignal();
    private long _lastPosition;
    private long _nextActivity;
    private bool _ended;

    public DirectLineConversation(string id, string userId, int maxActivities, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        Id = id;
        UserId = userId;
        _maxActivities = maxActivities;
        LastActive = now;
    }

    public string Id { get; }

    /// <summary>The user the conversation was started for.</summary>
    public string UserId { get; }

    /// <summary>When an activity was last added or the conversation was last opened.</summary>
    public DateTimeOffset LastActive { get; private set; }

    /// <summary>True once the bot has been told the conversation started.</summary>
    public bool Started { get; private set; }

    /// <summary>True once the conversation has been dropped from the store: streams close.</summary>
    public bool Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>Marks the conversation started; true for the caller that did it first.</summary>
    public bool TryMarkStarted()
    {
        lock (_gate)
        {
            if (Started)
            {
                return false;
            }

            Started = true;
            return true;
        }
    }

    /// <summary>The next activity id of this conversation (<c>{conversationId}|0000001</c>, as Azure's Direct Line numbers them).</summary>
    public string NextActivityId()
    {
        lock (_gate)
        {
            _nextActivity++;
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id}|{_nextActivity:D7}");
        }
    }

    /// <summary>Adds an activity (JSON, as clients receive it) and wakes the streams. Returns its watermark.</summary>
    public long Append(JObject activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        TaskCompletionSource changed;
        long position;
        lock (_gate)
        {
            position = ++_lastPosition;
            _log.AddLast(new Entry(position, activity));
            while (_log.Count > _maxActivities)
            {
                _log.RemoveFirst();
            }

            LastActive = now;
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
        return position;
    }

    /// <summary>
    /// Replaces the activity with id <paramref name="activityId"/>: the new version moves to the end of the log, so clients
    /// past the old one see it again (Web Chat replaces a bubble by id). False when no such activity is kept.
    /// </summary>
    public bool Replace(string activityId, JObject activity, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!RemoveLocked(activityId))
            {
                return false;
            }
        }

        Append(activity, now);
        return true;
    }

    /// <summary>Removes an activity from the log; false when it is not kept.</summary>
    public bool Remove(string activityId)
    {
        lock (_gate)
        {
            return RemoveLocked(activityId);
        }
    }

    /// <summary>Changes a kept activity in place without telling the streams (what later readers see); false when it is not kept.</summary>
    public bool Rewrite(string activityId, Action<JObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var node = Find(activityId);
            if (node is null)
            {
                return false;
            }

            var copy = (JObject)node.Value.Activity.DeepClone();
            change(copy);
            node.Value = node.Value with { Activity = copy };
            return true;
        }
    }

    /// <summary>
    /// The activities after <paramref name="watermark"/> (all kept when null), the watermark to ask with next time, and a task
    /// that completes when something is added after this read (or the conversation ends).
    /// </summary>
    public DirectLineSnapshot ReadAfter(long? watermark)
    {
        lock (_gate)
        {
            var activities = _log.Where(e => watermark is null || e.Position > watermark.Value).Select(e => e.Activity).ToList();
            var next = activities.Count > 0 ? _log.Last!.Value.Position : watermark ?? _lastPosition;
            return new DirectLineSnapshot(activities, next, _changed.Task);
        }
    }

    /// <summary>Notes that a client used the conversation (it is not idle).</summary>
    public void Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            LastActive = now;
        }
    }

    /// <summary>Ends the conversation: waiting streams wake up and close.</summary>
    public void End()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _ended = true;
            changed = _changed;
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool RemoveLocked(string activityId)
    {
        var node = Find(activityId);
        if (node is null)
        {
            return false;
        }

        _log.Remove(node);
        return true;
    }

    private LinkedListNode<Entry>? Find(string activityId)
    {
        for (var node = _log.Last; node is not null; node = node.Previous)
        {
            if (string.Equals((string?)node.Value.Activity["id"], activityId, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }

    private sealed record Entry(long Position, JObject Activity);
}
