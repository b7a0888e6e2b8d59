using SupportShield.Detection.Policy;
using SupportShield.Middleware.HeldMessages;

namespace SupportShield.Testing;

public sealed class InMemoryHeldMessageStore : IHeldMessageStore
{
    private readonly Lock _gate = new();
    private readonly List<HeldMessage> _messages = [];
    private long _sequence;

    public Task<HeldMessage> AddAsync(string messageId, string conversationId, string activityJson, string senderRole, IReadOnlyList<DecisionReason> reasons, DateTimeOffset heldAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var message = new HeldMessage(messageId, conversationId, ++_sequence, activityJson, senderRole, reasons, heldAt, HeldMessageState.Held);
            _messages.Add(message);
            return Task.FromResult(message);
        }
    }

    public Task<IReadOnlyList<HeldMessage>> ListHeldAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HeldMessage>>(_messages.Where(m => m.ConversationId == conversationId && m.State == HeldMessageState.Held).OrderBy(m => m.Sequence).ToList());
        }
    }

    public Task<IReadOnlyList<HeldMessage>> ListAllAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HeldMessage>>(_messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToList());
        }
    }

    public Task<bool> TryClaimAsync(string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Transition(messageId, HeldMessageState.Held, HeldMessageState.Releasing));

    public Task MarkReleasedAsync(string messageId, DateTimeOffset releasedAt, CancellationToken cancellationToken = default)
    {
        Transition(messageId, HeldMessageState.Releasing, HeldMessageState.Released);
        return Task.CompletedTask;
    }

    public Task<bool> UpdateReasonsAsync(string messageId, IReadOnlyList<DecisionReason> reasons, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.MessageId == messageId);
            if (index >= 0)
            {
                _messages[index] = _messages[index] with { Reasons = reasons };
            }

            return Task.FromResult(index >= 0);
        }
    }

    public Task ReturnToHeldAsync(string messageId, CancellationToken cancellationToken = default)
    {
        Transition(messageId, HeldMessageState.Releasing, HeldMessageState.Held);
        return Task.CompletedTask;
    }

    private bool Transition(string messageId, HeldMessageState from, HeldMessageState to)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.MessageId == messageId && m.State == from);
            if (index < 0)
            {
                return false;
            }

            _messages[index] = _messages[index] with { State = to };
            return true;
        }
    }
}
