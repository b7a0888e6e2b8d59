using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

/// <summary>What the agent console reads: the conversation list, the masked account search, masked transcripts, and the hub's door.</summary>
[NonParallelizable]
public sealed class AgentConsoleApiTests
{
    private const string AddressReply = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";

    [Test]
    public async Task ConversationList_IsMostRecentFirst_WithVerificationAccountAndHeldCount()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        await s.CustomerSaysAsync("conv-list-a", "Hello, I have a question");
        await s.CustomerSaysAsync("conv-list-b", "Hello, where is my parcel?");
        (await s.Host.LinkAsync("conv-list-a", "acct-1001")).Dispose();
        var held = await s.Host.SendAgentMessageAsync("conv-list-a", AddressReply);
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"));

        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);
        var list = await s.Host.Http.GetFromJsonAsync<JsonElement>("api/agent/conversations");
        var bySupervisor = await supervisor.GetFromJsonAsync<JsonElement>("api/agent/conversations?limit=1");

        var items = list.GetProperty("conversations").EnumerateArray().ToList();
        Assert.That(items.Select(c => c.GetProperty("conversationId").GetString()), Is.EqualTo(new[] { "conv-list-a", "conv-list-b" }));
        Assert.That(items[0].GetProperty("accountId").GetString(), Is.EqualTo("acct-1001"));
        Assert.That(items[0].GetProperty("heldCount").GetInt32(), Is.EqualTo(1));
        Assert.That(items[0].GetProperty("verification").GetString(), Is.EqualTo("none"));
        Assert.That(items[1].GetProperty("accountId").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(items[1].GetProperty("heldCount").GetInt32(), Is.Zero);
        Assert.That(items[0].GetProperty("lastActivityAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(items[1].GetProperty("lastActivityAt").GetDateTimeOffset()));
        Assert.That(bySupervisor.GetProperty("conversations").GetArrayLength(), Is.EqualTo(1));

        await s.CustomerSaysAsync("conv-list-b", "Any news?");
        var after = await s.Host.Http.GetFromJsonAsync<JsonElement>("api/agent/conversations");
        Assert.That(after.GetProperty("conversations")[0].GetProperty("conversationId").GetString(), Is.EqualTo("conv-list-b"), "new activity moves a conversation to the top");
    }

    [TestCase("?limit=0")]
    [TestCase("?limit=201")]
    [TestCase("?limit=ten")]
    public async Task ConversationList_WithBadLimit_Is400(string query)
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var response = await s.Host.Http.GetAsync("api/agent/conversations" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("limit"));
    }

    [Test]
    public async Task ConversationList_WithoutKey_Is401()
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var anonymous = ApiClients.For(s.Host, null);
        using var response = await anonymous.GetAsync("api/agent/conversations");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("acct-1001")]
    [TestCase("jane.doe@example.com")]
    [TestCase("JANE.DOE@EXAMPLE.COM")]
    [TestCase("+1 503 555 0142")]
    public async Task AccountSearch_ByIdEmailOrPhone_AnswersMaskedMatchesOnly(string query)
    {
        await using var s = await EndToEndScenario.StartAsync();

        using var response = await s.Host.Http.PostAsJsonAsync("api/agent/accounts/search", new { query });
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var match = JsonDocument.Parse(body).RootElement.GetProperty("matches").EnumerateArray().Single();
        Assert.That(match.GetProperty("accountId").GetString(), Is.EqualTo("acct-1001"));
        Assert.That(match.GetProperty("maskedEmail").GetString(), Is.EqualTo("j***@e***.com"));
        Assert.That(match.GetProperty("maskedPhone").GetString(), Is.EqualTo("*** 42"));
        Assert.That(match.GetProperty("initials").GetString(), Is.EqualTo("J. D."));
        Assert.That(body, Does.Not.Contain("jane").IgnoreCase.And.Not.Contain("555").And.Not.Contain("Evergreen").And.Not.Contain("Doe"));
    }

    [Test]
    public async Task AccountSearch_ByPartOfAValue_FindsNothing_AndBadInputIs400()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var supervisor = ApiClients.For(s.Host, ApiClients.SupervisorKey);

        using var partial = await s.Host.Http.PostAsJsonAsync("api/agent/accounts/search", new { query = "jane" });
        using var blank = await s.Host.Http.PostAsJsonAsync("api/agent/accounts/search", new { query = "  " });
        using var tooLong = await s.Host.Http.PostAsJsonAsync("api/agent/accounts/search", new { query = new string('a', 321) });
        using var notJson = await s.Host.Http.PostAsync("api/agent/accounts/search", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        using var bySupervisor = await supervisor.PostAsJsonAsync("api/agent/accounts/search", new { query = "acct-1001" });
        using var inUrl = await s.Host.Http.GetAsync("api/agent/accounts/search?query=jane.doe@example.com");

        Assert.That((await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matches").GetArrayLength(), Is.Zero);
        Assert.That(blank.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await blank.Content.ReadAsStringAsync(), Does.Contain("'query' is required"));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(bySupervisor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(inUrl.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), "a search never goes in a URL");
    }

    [Test]
    public async Task ConversationView_MasksTheCustomersLines_AndKeepsEveryHeldMessageWithItsState()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-console-view";
        await s.CustomerSaysAsync(conversation, "Hi, my card is 4111 1111 1111 1111 and my email is jane.doe@example.com");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var held = await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        using (var start = await s.Host.StartVerificationAsync(conversation))
        {
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await s.CustomerSaysAsync(conversation, await s.WaitForCodeAsync("jane.doe@example.com"));
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
        var view = await s.Host.GetConversationAsync(conversation);

        var customerLines = view.GetProperty("transcript").EnumerateArray()
            .Where(l => l.GetProperty("role").GetString() == "customer").Select(l => l.GetProperty("text").GetString()!).ToList();
        Assert.That(customerLines[0], Does.StartWith("Hi, my card is <CREDIT_CARD>"));
        Assert.That(customerLines[0], Does.Not.Contain("4111").And.Not.Contain("jane.doe"));
        Assert.That(customerLines, Does.Contain("[verification code entered]"));
        var item = view.GetProperty("heldMessages").EnumerateArray().Single();
        Assert.That(item.GetProperty("messageId").GetString(), Is.EqualTo(held.GetProperty("messageId").GetString()));
        Assert.That(item.GetProperty("state").GetString(), Is.EqualTo("delivered"));
        Assert.That(item.GetProperty("reasons")[0].GetProperty("detail").GetString(), Does.Contain("not verified"));
        Assert.That(item.GetProperty("preview").GetString(), Does.Not.Contain("Evergreen"));
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task AgentHub_RefusesCallersWithoutAnAgentOrSupervisorSession()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        using var anonymous = CookieClient(s);
        using var withKeyHeader = ApiClients.For(s.Host, BotHost.AgentKey);
        using var ops = CookieClient(s);
        using var agent = CookieClient(s);
        using var supervisor = CookieClient(s);
        await SignInAsync(ops, ApiClients.OpsKey);
        await SignInAsync(agent, BotHost.AgentKey);
        await SignInAsync(supervisor, ApiClients.SupervisorKey);

        using var none = await NegotiateAsync(anonymous);
        using var bearer = await NegotiateAsync(withKeyHeader);
        using var asOps = await NegotiateAsync(ops);
        using var asAgent = await NegotiateAsync(agent);
        using var asSupervisor = await NegotiateAsync(supervisor);

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the hub takes the console session, not a key");
        Assert.That(asOps.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(asAgent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await asAgent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString(), Is.Not.Empty);
        Assert.That(asSupervisor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static HttpClient CookieClient(EndToEndScenario s) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = s.Host.BaseAddress };

    private static async Task SignInAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "console/session") { Content = JsonContent.Create(new { key }) };
        request.Headers.Add("X-SupportShield-Console", "1");
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "sign-in");
    }

    private static Task<HttpResponseMessage> NegotiateAsync(HttpClient client) =>
        client.PostAsync("hubs/agent/negotiate?negotiateVersion=1", null);
}
