using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using SupportShield.Bot.Locking;
using SupportShield.Bot.Storage.ReadScope;
using SupportShield.Middleware.Verification;

namespace SupportShield.Bot.Tests.Locking;

public sealed class ConversationLockingVerificationGatewayTests
{
    [Test]
    public async Task StartAsync_AfterTakingTheLock_ReadsAfresh_NotWhatTheTurnReadBeforeWaiting()
    {
        var inner = new ScopeObservingGateway();
        var gateway = new ConversationLockingVerificationGateway(inner, new InProcessDistributedLock(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        using var turn = new TurnContext(new TestAdapter(), new Activity(ActivityTypes.Message) { Conversation = new ConversationAccount(id: "conv-1"), Text = "hi" });

        using var scope = StorageReadScope.Begin();
        scope.Set("bot_state:verification", "read before the lock");
        await gateway.StartAsync(turn, "test");

        Assert.That(inner.SawKeptValueUnderTheLock, Is.False);
    }

    [Test]
    public async Task TryHandleCustomerMessageAsync_WithNothingPending_TakesNoLock_AndKeepsTheScope()
    {
        var inner = new ScopeObservingGateway();
        var gateway = new ConversationLockingVerificationGateway(inner, new InProcessDistributedLock(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        using var turn = new TurnContext(new TestAdapter(), new Activity(ActivityTypes.Message) { Conversation = new ConversationAccount(id: "conv-1"), Text = "hi" });

        using var scope = StorageReadScope.Begin();
        scope.Set("bot_state:verification", "read before");
        await gateway.TryHandleCustomerMessageAsync(turn);

        Assert.That(inner.SawKeptValueUnderTheLock, Is.True, "ordinary chat keeps its reads");
    }

    /// <summary>Records whether the value the test kept in the scope was still there when the inner gateway ran.</summary>
    private sealed class ScopeObservingGateway : IVerificationGateway
    {
        public bool? SawKeptValueUnderTheLock { get; private set; }

        public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
            Task.FromResult(VerificationStatus.NotStarted);

        public Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Observe();
            return Task.FromResult(false);
        }

        public Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
        {
            Observe();
            return Task.FromResult(VerificationStartResult.CodeSent);
        }

        private void Observe() => SawKeptValueUnderTheLock = StorageReadScope.Current?.TryGet<string>("bot_state:verification", out _) == true;
    }
}
