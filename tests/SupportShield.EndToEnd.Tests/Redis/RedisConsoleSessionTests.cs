using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportShield.Bot.Redis;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Redis;

/// <summary>With Redis on, the Data Protection keys are shared: a console cookie issued by one instance is accepted by another.</summary>
[NonParallelizable]
public sealed class RedisConsoleSessionTests
{
    private const string Header = "X-SupportShield-Console";

    [Test]
    public async Task ConsoleCookie_IssuedByHostA_IsAcceptedByHostB_AndTheKeysAreInRedis()
    {
        var prefix = RedisServerFixture.NewPrefix();
        var folders = Enumerable.Range(0, 3).Select(_ => NewFolder()).ToArray();
        await using var hostA = await BotHost.StartAsync(folders[0], RedisServerFixture.Settings(prefix));
        await using var hostB = await BotHost.StartAsync(folders[1], RedisServerFixture.Settings(prefix));
        await using var otherDeployment = await BotHost.StartAsync(folders[2], RedisServerFixture.Settings());

        using var signIn = await SignInAsync(hostA);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("supportshield-console=", StringComparison.Ordinal)).Split(';')[0];
        using var onB = await GetSessionAsync(hostB, cookie);
        using var onOther = await GetSessionAsync(otherDeployment, cookie);
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { ConnectionString = RedisServerFixture.Server.ConnectionString, KeyPrefix = prefix }));
        var keys = await redis.Database.ListLengthAsync(prefix + "dataprotection-keys");

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await onB.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString(), Is.EqualTo("agent"));
        Assert.That(onOther.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a host with another key ring cannot read the cookie");
        Assert.That(keys, Is.EqualTo(1), "one key ring, written by the first host and read by the second");
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportshield-redis-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<HttpResponseMessage> SignInAsync(BotHost host)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "console/session") { Content = JsonContent.Create(new { key = BotHost.AgentKey }) };
        request.Headers.Add(Header, "1");
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetSessionAsync(BotHost host, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "console/session");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
