using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SupportShield.Bot.DirectLine;

/// <summary>
/// The embedded Direct Line's conversations, in this process's memory: at most <see cref="DirectLineOptions.MaxConversations"/>,
/// idle ones dropped after <see cref="DirectLineOptions.ConversationIdleTimeout"/>. (Sharing them across instances is a later step.)
/// </summary>
public sealed class DirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly object _createGate = new();
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;

    public DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many conversations are kept.</summary>
    public int Count => _conversations.Count;

    /// <summary>The ids of the conversations kept (for tests and diagnostics).</summary>
    internal IReadOnlyList<string> Ids => [.. _conversations.Keys];

    /// <summary>A new conversation with an unguessable id (128 random bits), making room if the store is full.</summary>
    public DirectLineConversation Create(string userId)
    {
        var now = _time.GetUtcNow();
        lock (_createGate)
        {
            DropIdle(now);
            while (_conversations.Count >= _options.MaxConversations)
            {
                var oldest = _conversations.Values.MinBy(c => c.LastActive);
                if (oldest is null || !Drop(oldest.Id))
                {
                    break;
                }
            }

            var conversation = new DirectLineConversation(NewId(), userId, _options.MaxActivitiesPerConversation, now);
            _conversations[conversation.Id] = conversation;
            return conversation;
        }
    }

    /// <summary>The conversation, or null when it is unknown, ended or idle too long.</summary>
    public DirectLineConversation? Find(string conversationId)
    {
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        if (_time.GetUtcNow() - conversation.LastActive > _options.ConversationIdleTimeout)
        {
            Drop(conversationId);
            return null;
        }

        return conversation;
    }

    private void DropIdle(DateTimeOffset now)
    {
        foreach (var conversation in _conversations.Values)
        {
            if (now - conversation.LastActive > _options.ConversationIdleTimeout)
            {
                Drop(conversation.Id);
            }
        }
    }

    private bool Drop(string conversationId)
    {
        if (!_conversations.TryRemove(conversationId, out var conversation))
        {
            return false;
        }

        conversation.End();
        return true;
    }

    private static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
