using System.Net;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary><c>/readyz</c> checks Redis (PING) when it is configured.</summary>
[NonParallelizable]
public sealed class RedisReadinessTests
{
    [TearDown]
    public Task RestartRedisAsync() => RedisServerFixture.Server.StartAgainAsync();

    [Test]
    public async Task Readyz_RedisStopped_IsUnavailableAndNamesRedis_ThenReadyAgainWhenItIsBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-redis-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var host = await BotHost.StartAsync(folder, RedisServerFixture.Settings());

        var (upStatus, upRedis) = await ReadyAsync(host);
        await RedisServerFixture.Server.StopAsync();
        var (downStatus, downRedis) = await ReadyAsync(host);
        await RedisServerFixture.Server.StartAgainAsync();
        var backStatus = await PollAsync(host, HttpStatusCode.OK);

        Assert.That(upStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upRedis, Is.EqualTo("Healthy"));
        Assert.That(downStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(downRedis, Is.EqualTo("Unhealthy"));
        Assert.That(backStatus, Is.EqualTo(HttpStatusCode.OK), "the client reconnects by itself");
    }

    [Test]
    public async Task Readyz_RedisOff_HasNoRedisCheck()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-redis-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var host = await BotHost.StartAsync(folder);

        using var ready = await host.Channel.GetAsync("readyz");
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");

        Assert.That(checks.TryGetProperty("redis", out _), Is.False);
        Assert.That(checks.TryGetProperty("database", out _), Is.True);
    }

    private static async Task<(HttpStatusCode Status, string? Redis)> ReadyAsync(BotHost host)
    {
        using var ready = await host.Channel.GetAsync("readyz");
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        return (ready.StatusCode, checks.GetProperty("redis").GetProperty("status").GetString());
    }

    private static async Task<HttpStatusCode> PollAsync(BotHost host, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var status = HttpStatusCode.ServiceUnavailable;
        while (DateTime.UtcNow < deadline)
        {
            status = (await ReadyAsync(host)).Status;
            if (status == wanted)
            {
                break;
            }

            await Task.Delay(200);
        }

        return status;
    }
}
