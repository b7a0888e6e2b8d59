using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportShield.Bot.RateLimiting;
using SupportShield.Bot.Redis;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>Rate-limit counters in Redis: two instances count together; without Redis, starts are refused and messages fall back.</summary>
[NonParallelizable]
public sealed class RedisRateLimitTests
{
    [TearDown]
    public Task RestartRedisAsync() => RedisServerFixture.Server.StartAgainAsync();

    [Test]
    public async Task MessageLimits_TwoLimitersOnOneRedis_CountTogether()
    {
        var prefix = RedisServerFixture.NewPrefix();
        var limits = new RateLimitOptions { MessagesPerConversationPerMinute = 3, MessagesPerAccountPerMinute = 4 };
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        using var limiterA = Limiter(a, limits);
        using var limiterB = Limiter(b, limits);

        var first = await limiterA.TryAcquireMessageAsync("conv-1", null);
        var second = await limiterB.TryAcquireMessageAsync("conv-1", null);
        var third = await limiterA.TryAcquireMessageAsync("conv-1", null);
        var fourth = await limiterB.TryAcquireMessageAsync("conv-1", null);
        var otherConversation = await limiterB.TryAcquireMessageAsync("conv-2", null);

        Assert.That(new[] { first, second, third }.Select(d => d.Allowed), Has.All.True);
        Assert.That(fourth.Allowed, Is.False);
        Assert.That(fourth.Limit, Is.EqualTo("messages per conversation"));
        Assert.That(fourth.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(otherConversation.Allowed, Is.True);

        // The account limit (4) spans conversations and instances: conv-2 above does not count, it is not linked.
        var byAccount = new List<RateLimitDecision>();
        for (var i = 0; i < 5; i++)
        {
            byAccount.Add(await (i % 2 == 0 ? limiterA : limiterB).TryAcquireMessageAsync($"conv-acct-{i}", "acct-1"));
        }

        Assert.That(byAccount.Take(4).Select(d => d.Allowed), Has.All.True);
        Assert.That(byAccount[4].Allowed, Is.False);
        Assert.That(byAccount[4].Limit, Is.EqualTo("messages per account"));
    }

    [Test]
    public async Task VerificationStarts_TwoLimitersOnOneRedis_CountTogether()
    {
        var prefix = RedisServerFixture.NewPrefix();
        var limits = new RateLimitOptions { VerificationStartsPerConversationPerHour = 2 };
        await using var a = Connect(prefix);
        await using var b = Connect(prefix);
        using var limiterA = Limiter(a, limits);
        using var limiterB = Limiter(b, limits);

        var first = await limiterA.TryAcquireVerificationStartAsync("conv-1", "acct-1");
        var second = await limiterB.TryAcquireVerificationStartAsync("conv-1", "acct-1");
        var third = await limiterA.TryAcquireVerificationStartAsync("conv-1", "acct-1");

        Assert.That(first.Allowed && second.Allowed, Is.True);
        Assert.That(third.Allowed, Is.False);
        Assert.That(third.StoreUnavailable, Is.False);
        Assert.That(third.RetryAfter, Is.GreaterThan(TimeSpan.FromMinutes(50)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task RedisDown_VerificationStartIsRefused_AndMessagesFallBackToThisInstance()
    {
        await using var redis = Connect(RedisServerFixture.NewPrefix());
        using var limiter = Limiter(redis, new RateLimitOptions { MessagesPerConversationPerMinute = 2 });
        Assert.That((await limiter.TryAcquireVerificationStartAsync("conv-1", null)).Allowed, Is.True);

        await RedisServerFixture.Server.StopAsync();
        var start = await limiter.TryAcquireVerificationStartAsync("conv-1", null);
        var messages = new List<RateLimitDecision>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await limiter.TryAcquireMessageAsync("conv-1", null));
        }

        Assert.That(start.Allowed, Is.False);
        Assert.That(start.StoreUnavailable, Is.True);
        Assert.That(messages.Take(2).Select(d => d.Allowed), Has.All.True, "messages go on, counted in this instance");
        Assert.That(messages[2].Allowed, Is.False, "the in-process fallback still enforces the limit");
    }

    [Test]
    public async Task RedisDown_EndToEnd_VerificationStartIsRefusedWithAClearMessage_AndNoCodeIsSent()
    {
        await using var s = await EndToEndScenario.StartAsync(settings =>
        {
            foreach (var (key, value) in RedisServerFixture.Settings())
            {
                settings[key] = value;
            }
        });
        await s.CustomerSaysAsync("conv-redis-down", "hello");
        (await s.Host.LinkAsync("conv-redis-down", "acct-1001")).Dispose();

        await RedisServerFixture.Server.StopAsync();
        using var agentStart = await s.Host.StartVerificationAsync("conv-redis-down");
        var agentError = await agentStart.Content.ReadAsStringAsync();
        await s.CustomerSaysAsync("conv-redis-down", "what address do you have for me?");
        await s.Channel.WaitForAsync(a => a.Text == RateLimitedVerificationGateway.VerificationUnavailable);

        Assert.That(agentStart.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(agentError, Does.Contain("Redis"));
        Assert.That(agentStart.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(s.CodeEmails, Is.Empty);
    }

    private static RedisConnection Connect(string prefix) =>
        new(Options.Create(new RedisOptions { ConnectionString = RedisServerFixture.Server.ConnectionString, KeyPrefix = prefix }));

    private static SupportShieldRateLimiter Limiter(RedisConnection redis, RateLimitOptions limits) =>
        new(Options.Create(limits), new RedisRateLimitStore(redis), NullLogger<SupportShieldRateLimiter>.Instance);
}
