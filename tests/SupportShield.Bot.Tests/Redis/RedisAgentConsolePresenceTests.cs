using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportShield.Bot.Redis;
using SupportShield.Testing;

namespace SupportShield.Bot.Tests.Redis;

/// <summary>
/// Two instances' presence trackers on one real Redis (a key prefix of each test's own), on one faked clock: what one
/// instance's consoles make the other see, expiry of an instance that went away, and failing open.
/// </summary>
[NonParallelizable]
public sealed class RedisAgentConsolePresenceTests
{
    private RedisServer _server = null!;

    [OneTimeSetUp]
    public async Task StartRedisAsync() => _server = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _server.DisposeAsync();

    [Test]
    public async Task ConsoleOnA_BSeesItAfterBothSynchronise_AndNoLongerOnceItLeft()
    {
        var time = new FakeTimeProvider();
        var prefix = NewPrefix();
        await using var redisA = Connection(_server.ConnectionString, prefix);
        await using var redisB = Connection(_server.ConnectionString, prefix);
        using var a = Presence(redisA, time);
        using var b = Presence(redisB, time);
        await a.SynchronizeAsync();
        await b.SynchronizeAsync();
        Assert.That(a.AnyConsoleConnected, Is.False, "nobody anywhere");
        Assert.That(b.AnyConsoleConnected, Is.False);

        a.ConsoleConnected();
        Assert.That(a.AnyConsoleConnected, Is.True, "A knows its own console at once");
        Assert.That(b.AnyConsoleConnected, Is.False, "B reads Redis on its own schedule, never per turn");
        await a.SynchronizeAsync();
        await b.SynchronizeAsync();
        Assert.That(b.AnyConsoleConnected, Is.True, "B sees A's console");

        a.ConsoleDisconnected();
        await a.SynchronizeAsync();
        await b.SynchronizeAsync();
        Assert.That(b.AnyConsoleConnected, Is.False, "A said it has none left");
        Assert.That(a.AnyConsoleConnected, Is.False);
    }

    [Test]
    public async Task InstanceWithAConsoleGoesAwayWithoutAWord_OthersStopCountingItAfterTheTimeToLive()
    {
        var time = new FakeTimeProvider();
        var prefix = NewPrefix();
        await using var redisA = Connection(_server.ConnectionString, prefix);
        await using var redisB = Connection(_server.ConnectionString, prefix);
        using var a = Presence(redisA, time);
        using var b = Presence(redisB, time);
        a.ConsoleConnected();
        await a.SynchronizeAsync();

        time.Advance(TimeSpan.FromSeconds(9));
        await b.SynchronizeAsync();
        Assert.That(b.AnyConsoleConnected, Is.True, "within the time to live (10 s)");

        time.Advance(TimeSpan.FromSeconds(2));
        await b.SynchronizeAsync();
        Assert.That(b.AnyConsoleConnected, Is.False, "A never refreshed its entry");
    }

    [Test]
    public async Task LastAnswerGetsOld_AssumesPresent()
    {
        var time = new FakeTimeProvider();
        await using var redis = Connection(_server.ConnectionString, NewPrefix());
        using var presence = Presence(redis, time);
        await presence.SynchronizeAsync();
        Assert.That(presence.AnyConsoleConnected, Is.False);

        // Three intervals (1 s each) without an answer: the loop is stuck, so the answer may be wrong.
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(presence.AnyConsoleConnected, Is.True);
    }

    [Test]
    public async Task RedisDoesNotAnswer_AssumesPresent_UntilItAnswersAgain()
    {
        var time = new FakeTimeProvider();
        var prefix = NewPrefix();
        await using var server = await RedisServer.StartAsync();
        await using var redis = Connection(server.ConnectionString, prefix);
        using var presence = Presence(redis, time);
        Assert.That(presence.AnyConsoleConnected, Is.True, "before the first answer");
        await presence.SynchronizeAsync();
        Assert.That(presence.AnyConsoleConnected, Is.False);

        await server.StopAsync();
        await presence.SynchronizeAsync();
        Assert.That(presence.AnyConsoleConnected, Is.True, "fails open");

        await server.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            // The client reconnects by itself, in its own time.
            await Task.Delay(100);
            await presence.SynchronizeAsync();
        }
        while (presence.AnyConsoleConnected && DateTime.UtcNow < deadline);

        Assert.That(presence.AnyConsoleConnected, Is.False, "Redis answers again: nobody anywhere");
    }

    [Test]
    public async Task Running_AConsoleConnecting_IsWrittenAtOnce_WithoutWaitingForTheInterval()
    {
        var time = new FakeTimeProvider();
        var prefix = NewPrefix();
        await using var redisA = Connection(_server.ConnectionString, prefix);
        await using var redisB = Connection(_server.ConnectionString, prefix);
        using var a = Presence(redisA, time);
        using var b = Presence(redisB, time);
        await a.StartAsync(CancellationToken.None);
        try
        {
            // The clock never moves: only the wake-up on connect can make A write.
            a.ConsoleConnected();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                await Task.Delay(20);
                await b.SynchronizeAsync();
            }
            while (!b.AnyConsoleConnected && DateTime.UtcNow < deadline);

            Assert.That(b.AnyConsoleConnected, Is.True);
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
        }

        await b.SynchronizeAsync();
        Assert.That(b.AnyConsoleConnected, Is.False, "A withdrew on shutdown, before its entry expired");
    }

    private static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + ":";

    private static RedisConnection Connection(string connectionString, string prefix) =>
        new(Options.Create(new RedisOptions { ConnectionString = connectionString, KeyPrefix = prefix }));

    private static RedisAgentConsolePresence Presence(RedisConnection redis, TimeProvider time) =>
        new(redis, time, NullLogger<RedisAgentConsolePresence>.Instance);
}
