using System.Collections.Concurrent;
using Microsoft.Bot.Schema;

namespace SupportShield.Bot.DevChannel;

/// <summary>What the bot sent to each conversation of the development channel, in memory, newest last.</summary>
public sealed class DevChannelInbox
{
    /// <summary>Most activities kept per conversation.</summary>
    public const int MaxPerConversation = 200;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Activity>> _conversations = new(StringComparer.Ordinal);

    public void Add(string conversationId, Activity activity)
    {
        var queue = _conversations.GetOrAdd(conversationId, _ => new ConcurrentQueue<Activity>());
        queue.Enqueue(activity);
        while (queue.Count > MaxPerConversation && queue.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<Activity> List(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var queue) ? queue.ToList() : [];
}
