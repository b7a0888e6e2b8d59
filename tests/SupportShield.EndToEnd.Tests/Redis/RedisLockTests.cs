using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Locking;
using SupportShield.Bot.Redis;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Middleware.Verification;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>The Redis lock: exclusive across clients, expires after its time to live, and fails closed without Redis.</summary>
[NonParallelizable]
public sealed class RedisLockTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    [TearDown]
    public Task RestartRedisAsync() => RedisServerFixture.Server.StartAgainAsync();

    [Test]
    public async Task Lock_HeldByOneClient_IsRefusedToAnother_UntilReleased()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        var lockA = new RedisDistributedLock(a, TimeProvider.System);
        var lockB = new RedisDistributedLock(b, TimeProvider.System);

        var held = await lockA.TryAcquireAsync("verification:conv-1", Ttl, TimeSpan.Zero);
        var refused = await lockB.TryAcquireAsync("verification:conv-1", Ttl, TimeSpan.FromMilliseconds(200));
        var otherKey = await lockB.TryAcquireAsync("verification:conv-2", Ttl, TimeSpan.Zero);
        await held!.DisposeAsync();
        var afterRelease = await lockB.TryAcquireAsync("verification:conv-1", Ttl, TimeSpan.Zero);

        Assert.That(held, Is.Not.Null);
        Assert.That(refused, Is.Null);
        Assert.That(otherKey, Is.Not.Null);
        Assert.That(afterRelease, Is.Not.Null);
        await otherKey!.DisposeAsync();
        await afterRelease!.DisposeAsync();
    }

    [Test]
    public async Task Lock_WaitingClient_GetsItWhenTheHolderReleases()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        var held = await new RedisDistributedLock(a, TimeProvider.System).TryAcquireAsync("k", Ttl, TimeSpan.Zero);

        var waiting = new RedisDistributedLock(b, TimeProvider.System).TryAcquireAsync("k", Ttl, TimeSpan.FromSeconds(10));
        Assert.That(waiting.IsCompleted, Is.False);
        await held!.DisposeAsync();
        var acquired = await waiting;

        Assert.That(acquired, Is.Not.Null);
        await acquired!.DisposeAsync();
    }

    [Test]
    public async Task Lock_NeverReleased_ExpiresAfterItsTimeToLive_AndTheOldHolderCannotFreeTheNewOne()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        await using var c = Connect(prefix);
        var crashed = await new RedisDistributedLock(a, TimeProvider.System).TryAcquireAsync("k", TimeSpan.FromMilliseconds(300), TimeSpan.Zero);

        var next = await new RedisDistributedLock(b, TimeProvider.System).TryAcquireAsync("k", Ttl, TimeSpan.FromSeconds(10));
        await crashed!.DisposeAsync(); // late release by the first holder: must not delete the second holder's lock
        var third = await new RedisDistributedLock(c, TimeProvider.System).TryAcquireAsync("k", Ttl, TimeSpan.FromMilliseconds(200));

        Assert.That(next, Is.Not.Null, "the lock expired, so the waiting client got it");
        Assert.That(third, Is.Null, "the second holder still holds it");
        await next!.DisposeAsync();
    }

    [Test]
    public async Task Lock_RedisDown_Throws()
    {
        await using var a = Connect(RedisServerFixture.NewPrefix());
        var locks = new RedisDistributedLock(a, TimeProvider.System);
        await (await locks.TryAcquireAsync("k", Ttl, TimeSpan.Zero))!.DisposeAsync();

        await RedisServerFixture.Server.StopAsync();

        Assert.ThrowsAsync<DistributedLockUnavailableException>(() => locks.TryAcquireAsync("k", Ttl, TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task VerificationStart_WhileAnotherInstanceHoldsTheConversationLock_FailsWithoutStarting()
    {
        var prefix = RedisServerFixture.NewPrefix();
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        var inner = new RecordingGateway();
        var gateway = new ConversationLockingVerificationGateway(inner, new RedisDistributedLock(b, TimeProvider.System), Ttl, TimeSpan.FromMilliseconds(200));
        var otherInstance = await new RedisDistributedLock(a, TimeProvider.System)
            .TryAcquireAsync(ConversationLockingVerificationGateway.LockKey("conv-1"), Ttl, TimeSpan.Zero);
        var turn = Turn("conv-1");

        Assert.ThrowsAsync<DistributedLockUnavailableException>(() => gateway.StartAsync(turn, "agent"));
        Assert.That(inner.Starts, Is.Zero);
        await otherInstance!.DisposeAsync();
        Assert.That(await gateway.StartAsync(turn, "agent"), Is.EqualTo(VerificationStartResult.CodeSent));
        Assert.That(inner.Starts, Is.EqualTo(1));
    }

    [Test]
    public async Task EndToEnd_ACodeTurnWhileAnotherInstanceHoldsTheConversationLock_IsNotChecked_ThenVerifies()
    {
        var settings = RedisServerFixture.Settings();
        settings["SupportShield:Redis:LockWaitSeconds"] = "1";
        await using var s = await EndToEndScenario.StartAsync(configure =>
        {
            foreach (var (key, value) in settings)
            {
                configure[key] = value;
            }
        });
        await s.CustomerSaysAsync("conv-redis-on", "hello");
        (await s.Host.LinkAsync("conv-redis-on", "acct-1001")).Dispose();
        await s.CustomerSaysAsync("conv-redis-on", "what address do you have for me?");
        var code = await s.WaitForCodeAsync("jane.doe@example.com");
        await using var redis = Connect(settings["SupportShield:Redis:KeyPrefix"]!);
        var counted = await redis.Database.KeyExistsAsync(redis.Key("ratelimit:verification-starts-per-conversation:3600000", "conv-redis-on"));

        // Another instance is in the middle of this conversation's verification step: the code is not checked meanwhile.
        var otherInstance = await new RedisDistributedLock(redis, TimeProvider.System)
            .TryAcquireAsync(SupportShield.Bot.Locking.ConversationLockingVerificationGateway.LockKey("conv-redis-on"), TimeSpan.FromSeconds(30), TimeSpan.Zero);
        await s.CustomerSaysAsync("conv-redis-on", code);
        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Sorry, something went wrong", StringComparison.Ordinal) == true);
        var stateWhileLocked = (await s.Host.GetConversationAsync("conv-redis-on")).GetProperty("verification").GetString();
        await otherInstance!.DisposeAsync();
        await s.CustomerSaysAsync("conv-redis-on", code);
        await s.Channel.WaitForAsync(a => a.Text == "Thank you, you're verified.");

        Assert.That(otherInstance, Is.Not.Null);
        Assert.That(counted, Is.True, "the start was counted in Redis");
        Assert.That(stateWhileLocked, Is.EqualTo("pending"), "the code was not checked while the lock was held elsewhere");
    }

    [Test]
    public async Task InProcessLock_IsExclusivePerKey_AndFreesTheKeyOnRelease()
    {
        var locks = new InProcessDistributedLock();

        var held = await locks.TryAcquireAsync("k", Ttl, TimeSpan.Zero);
        var refused = await locks.TryAcquireAsync("k", Ttl, TimeSpan.FromMilliseconds(50));
        var other = await locks.TryAcquireAsync("other", Ttl, TimeSpan.Zero);
        await held!.DisposeAsync();
        var again = await locks.TryAcquireAsync("k", Ttl, TimeSpan.Zero);

        Assert.That(held, Is.Not.Null);
        Assert.That(refused, Is.Null);
        Assert.That(other, Is.Not.Null);
        Assert.That(again, Is.Not.Null);
    }

    private static RedisConnection Connect(string prefix) =>
        new(Options.Create(new RedisOptions { ConnectionString = RedisServerFixture.Server.ConnectionString, KeyPrefix = prefix }));

    private static TurnContext Turn(string conversationId) =>
        new(new TestAdapter(), new Activity(ActivityTypes.Message) { Conversation = new ConversationAccount(id: conversationId), Text = "hi" });

    private sealed class RecordingGateway : IVerificationGateway
    {
        public int Starts { get; private set; }

        public Task<VerificationStatus> GetStatusAsync(string conversationId, CancellationToken cancellationToken = default) =>
            Task.FromResult(VerificationStatus.NotStarted);

        public Task<bool> TryHandleCustomerMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            Task.FromResult(false);

        public Task<VerificationStartResult> StartAsync(ITurnContext turnContext, string trigger, CancellationToken cancellationToken = default)
        {
            Starts++;
            return Task.FromResult(VerificationStartResult.CodeSent);
        }
    }
}
