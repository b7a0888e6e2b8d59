using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class AgentApiTests
{
    [TestCase(null)]
    [TestCase("Bearer wrong-key")]
    [TestCase("Basic ZTJlLWFnZW50LWtleQ==")]
    public async Task AnyCall_WithoutValidKey_Is401(string? authorization)
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var client = new HttpClient { BaseAddress = s.Host.BaseAddress };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var get = await client.GetAsync("api/agent/conversations/any");
        using var post = await client.PostAsJsonAsync("api/agent/conversations/any/messages", new { agentId = "a", text = "hi" });

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task UnknownConversation_Is404()
    {
        await using var s = await EndToEndScenario.StartAsync();

        using var get = await s.Host.Http.GetAsync("api/agent/conversations/nope");
        using var send = await s.Host.Http.PostAsJsonAsync("api/agent/conversations/nope/messages", new { agentId = "a", text = "hi" });
        using var link = await s.Host.LinkAsync("nope", "acct-1001");
        using var verify = await s.Host.StartVerificationAsync("nope");

        Assert.That(new[] { get.StatusCode, send.StatusCode, link.StatusCode, verify.StatusCode }, Has.All.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Link_UnknownAccount_Is404()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-link", "hello");

        using var link = await s.Host.LinkAsync("conv-link", "acct-none");

        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await link.Content.ReadAsStringAsync(), Does.Contain("No account"));
    }

    [TestCase("{not json", "not valid JSON")]
    [TestCase("{\"agentId\": \"a\"}", "'text' is required")]
    [TestCase("{\"text\": \"hello\"}", "'agentId' is required")]
    [TestCase("{\"agentId\": \"a\", \"text\": 5}", "not valid JSON")]
    public async Task SendMessage_MalformedBody_Is400WithMessage(string body, string expected)
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-bad", "hello");

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await s.Host.Http.PostAsync("api/agent/conversations/conv-bad/messages", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(expected));
    }

    [Test]
    public async Task SendMessage_Clean_IsDeliveredToTheChannel()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-clean", "hello");

        var sent = await s.Host.SendAgentMessageAsync("conv-clean", "Your parcel left our warehouse today.");

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        Assert.That(sent.GetProperty("deliveredText").GetString(), Is.EqualTo("Your parcel left our warehouse today."));
        await s.Channel.WaitForAsync(a => a.Text == "Your parcel left our warehouse today.");
    }
}
