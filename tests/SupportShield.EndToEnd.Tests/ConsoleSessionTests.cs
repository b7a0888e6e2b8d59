using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>The consoles' sign-in: a key is exchanged for an HttpOnly cookie session that the agent and ops APIs accept.</summary>
[NonParallelizable]
public sealed class ConsoleSessionTests
{
    private const string OpsKey = "e2e-ops-key";
    private const string Header = "X-SupportShield-Console";

    [Test]
    public async Task SignIn_WithAgentKey_GivesAnHttpOnlyStrictCookieThatTheAgentApiAccepts()
    {
        await using var s = await StartAsync();
        await s.CustomerSaysAsync("conv-console", "hello");
        using var browser = Browser(s);

        using var signIn = await SignInAsync(browser, BotHost.AgentKey);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("supportshield-console=", StringComparison.Ordinal));
        using var who = await browser.GetAsync("console/session");
        using var conversation = await browser.GetAsync("api/agent/conversations/conv-console");

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(cookie, Does.Not.Contain(BotHost.AgentKey));
        Assert.That((await who.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString(), Is.EqualTo("agent"));
        Assert.That(conversation.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CookieCall_ThatChangesSomething_NeedsTheConsoleHeader()
    {
        await using var s = await StartAsync();
        await s.CustomerSaysAsync("conv-csrf", "hello");
        using var browser = Browser(s);
        (await SignInAsync(browser, BotHost.AgentKey)).Dispose();

        using var forged = await browser.PostAsJsonAsync("api/agent/conversations/conv-csrf/messages", new { agentId = "a", text = "Your parcel is on its way." });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/agent/conversations/conv-csrf/messages")
        {
            Content = JsonContent.Create(new { agentId = "a", text = "Your parcel is on its way." }),
        };
        request.Headers.Add(Header, "1");
        using var console = await browser.SendAsync(request);

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await forged.Content.ReadAsStringAsync(), Does.Contain(Header));
        Assert.That(console.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(s.Channel.Received.Count(a => a.Text == "Your parcel is on its way."), Is.EqualTo(1));
    }

    [Test]
    public async Task OpsSession_CannotCallTheAgentApi_AndAgentSessionCannotCallTheOpsApi()
    {
        await using var s = await StartAsync();
        using var ops = Browser(s);
        using var agent = Browser(s);
        (await SignInAsync(ops, OpsKey)).Dispose();
        (await SignInAsync(agent, BotHost.AgentKey)).Dispose();

        using var opsOnAgent = await ops.GetAsync("api/agent/conversations/any");
        using var opsOnOps = await ops.GetAsync("api/ops/rules/status");
        using var agentOnOps = await agent.GetAsync("api/ops/rules/status");

        Assert.That(opsOnAgent.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(opsOnOps.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(agentOnOps.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SignIn_WithWrongKey_Is401_AndSignOutEndsTheSession()
    {
        await using var s = await StartAsync();
        using var browser = Browser(s);

        using var wrong = await SignInAsync(browser, "not-a-key");
        (await SignInAsync(browser, BotHost.AgentKey)).Dispose();
        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "console/session");
        signOut.Headers.Add(Header, "1");
        using var signedOut = await browser.SendAsync(signOut);
        using var after = await browser.GetAsync("api/agent/conversations/any");

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SignIn_IsThrottledPerClient()
    {
        await using var s = await StartAsync();
        using var browser = Browser(s);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await SignInAsync(browser, "guess-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Take(10), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses.Skip(10), Has.All.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [TestCase("agent/")]
    [TestCase("ops/")]
    public async Task ConsolePages_AreServedWithAStrictContentSecurityPolicy(string path)
    {
        await using var s = await StartAsync();
        using var browser = Browser(s);

        using var page = await browser.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<title>SupportShield"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
    }

    private static Task<EndToEndScenario> StartAsync() =>
        EndToEndScenario.StartAsync(settings => settings["SupportShield:Ops:ApiKeys:0"] = OpsKey);

    /// <summary>A client that keeps cookies, as a browser does, and presents no key header.</summary>
    private static HttpClient Browser(EndToEndScenario s) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = s.Host.BaseAddress };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "console/session") { Content = JsonContent.Create(new { key }) };
        request.Headers.Add(Header, "1");
        return await client.SendAsync(request);
    }
}
