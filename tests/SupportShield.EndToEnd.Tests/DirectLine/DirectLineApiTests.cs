using System.Net;
using System.Text;
using System.Text.Json;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.DirectLine;
using SupportShield.Dialogs.Verification;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.DirectLine;

/// <summary>The embedded Direct Line 3.0 over raw HTTP and WebSocket: tokens, scoping, validation, watermarks, the connector.</summary>
[NonParallelizable]
public sealed class DirectLineApiTests
{
    private const string Secret = "e2e-directline-secret-0123456789abcdef";

    private static Task<EndToEndScenario> StartAsync() =>
        EndToEndScenario.StartAsync(settings => settings["SupportShield:DirectLine:Secret"] = Secret);

    [Test]
    public async Task TokensGenerate_NeedsTheSecret_AndGivesATokenThatOpensOnlyItsConversation()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);

        using var none = await dl.SendAsync(HttpMethod.Post, "tokens/generate", null);
        using var wrong = await dl.SendAsync(HttpMethod.Post, "tokens/generate", "not-the-secret-but-long-enough-0000000");
        using var right = await dl.SendAsync(HttpMethod.Post, "tokens/generate", Secret, """{"user":{"id":"dl_customer-42"}}""");
        var granted = JsonDocument.Parse(await right.Content.ReadAsStringAsync()).RootElement;
        var token = granted.GetProperty("token").GetString()!;
        using var withToken = await dl.SendAsync(HttpMethod.Post, "tokens/generate", token);
        var started = await dl.StartAsync(token);

        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(granted.GetProperty("expires_in").GetInt32(), Is.EqualTo(1800));
        Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a token cannot mint tokens");
        Assert.That(started.GetProperty("conversationId").GetString(), Is.EqualTo(granted.GetProperty("conversationId").GetString()));
        Assert.That(started.GetProperty("streamUrl").GetString(), Does.StartWith("ws://").And.Contain("/v3/directline/conversations/"));
        Assert.That(started.GetProperty("streamUrl").GetString(), Does.Not.Contain(token), "the stream has its own short-lived ticket");
    }

    [Test]
    public async Task Token_OfConversationA_CannotReadPostReconnectOrStreamConversationB()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (tokenA, conversationA) = await dl.PageTokenAsync();
        var (tokenB, conversationB) = await dl.PageTokenAsync();
        await dl.StartAsync(tokenA);
        var startedB = await dl.StartAsync(tokenB);
        await dl.SayAsync(conversationB, tokenB, "only for B");

        using var read = await dl.SendAsync(HttpMethod.Get, $"conversations/{conversationB}/activities", tokenA);
        using var post = await dl.SendAsync(HttpMethod.Post, $"conversations/{conversationB}/activities", tokenA, """{"type":"message","text":"injected"}""");
        using var reconnect = await dl.SendAsync(HttpMethod.Get, $"conversations/{conversationB}", tokenA);
        var streamOfB = startedB.GetProperty("streamUrl").GetString()!;
        var ticketOfB = streamOfB[(streamOfB.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var forged = new Uri(dl.Domain.ToString().Replace("http", "ws", StringComparison.Ordinal) + $"/conversations/{conversationA}/stream?t={ticketOfB}");
        var streamRefused = Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(async () => await DirectLineTestClient.ConnectAsync(forged.ToString()));
        var logOfB = await dl.ActivitiesAsync(conversationB, tokenB);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(reconnect.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(streamRefused, Is.Not.Null);
        Assert.That(logOfB.Activities.Select(DirectLineTestClient.Text), Does.Not.Contain("injected"));
        Assert.That(conversationA, Is.Not.EqualTo(conversationB));
    }

    [Test]
    public async Task PostActivity_Malformed_Is400WithAReason_AndNothingIsLogged()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);
        var before = await dl.ActivitiesAsync(conversation, token);
        string[] bodies =
        [
            "this is not json",
            "[1,2]",
            """{"text":"no type"}""",
            """{"type":"invoke","name":"x"}""",
            """{"type":"message"}""",
            """{"type":"message","text":"with a file","attachments":[{"contentType":"image/png","contentUrl":"http://example.com/a.png"}]}""",
        ];

        foreach (var body in bodies)
        {
            using var response = await dl.SendAsync(HttpMethod.Post, $"conversations/{conversation}/activities", token, body);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(error, Is.Not.Empty, body);
        }

        using var badWatermark = await dl.SendAsync(HttpMethod.Get, $"conversations/{conversation}/activities?watermark=abc", token);
        var after = await dl.ActivitiesAsync(conversation, token);
        Assert.That(badWatermark.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(after.Activities, Has.Count.EqualTo(before.Activities.Count));
    }

    [Test]
    public async Task Activities_PageByWatermark()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);
        await dl.SayAsync(conversation, token, "first message");
        var firstPage = await dl.ActivitiesAsync(conversation, token);

        await dl.SayAsync(conversation, token, "second message");
        var secondPage = await dl.ActivitiesAsync(conversation, token, firstPage.Watermark);
        var nothingNew = await dl.ActivitiesAsync(conversation, token, secondPage.Watermark);

        Assert.That(firstPage.Activities.Select(DirectLineTestClient.Text), Is.EqualTo(new[] { SupportShieldBot.Greeting, "first message", SupportShieldBot.Acknowledgement }));
        Assert.That(firstPage.Watermark, Is.EqualTo("3"));
        Assert.That(secondPage.Activities.Select(DirectLineTestClient.Text), Is.EqualTo(new[] { "second message" }));
        Assert.That(long.Parse(secondPage.Watermark!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(3));
        Assert.That(nothingNew.Activities, Is.Empty);
        Assert.That(nothingNew.Watermark, Is.EqualTo(secondPage.Watermark));
        Assert.That(firstPage.Activities.Select(DirectLineTestClient.Role), Is.EqualTo(new[] { "bot", "user", "bot" }));
        Assert.That(firstPage.Activities.All(a => !a.TryGetProperty("serviceUrl", out _)), "the host's internal serviceUrl is not shown to clients");
    }

    [Test]
    public async Task Stream_CarriesTheEcho_TheBotsReply_AndAnAgentsMessage()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        var started = await dl.StartAsync(token);
        using var socket = await DirectLineTestClient.ConnectAsync(started.GetProperty("streamUrl").GetString()!);

        var greeting = await DirectLineTestClient.ReadUntilAsync(socket, a => DirectLineTestClient.Text(a) == SupportShieldBot.Greeting);
        var id = await dl.SayAsync(conversation, token, "hello, anyone there?");
        var turn = await DirectLineTestClient.ReadUntilAsync(socket, a => DirectLineTestClient.Text(a) == SupportShieldBot.Acknowledgement);
        using var link = await s.Host.LinkAsync(conversation, "acct-1001");
        var sent = await s.Host.SendAgentMessageAsync(conversation, "Hi, this is Sam from support. How can I help?");
        var agent = await DirectLineTestClient.ReadUntilAsync(socket, a => DirectLineTestClient.Text(a).StartsWith("Hi, this is Sam", StringComparison.Ordinal));

        Assert.That(greeting.Select(DirectLineTestClient.Text), Does.Contain(SupportShieldBot.Greeting));
        Assert.That(turn.Select(a => a.GetProperty("id").GetString()), Does.Contain(id), "the user's own activity is echoed on the stream");
        Assert.That(turn.Single(a => DirectLineTestClient.Text(a) == SupportShieldBot.Acknowledgement).GetProperty("replyToId").GetString(), Is.EqualTo(id));
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        Assert.That(DirectLineTestClient.Role(agent[^1]), Is.EqualTo("bot"));
    }

    [Test]
    public async Task AgentMessage_WithTheAddressOnFile_IsHeld_AndNeverReachesTheWebChat()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);
        await dl.SayAsync(conversation, token, "hi, what address do you have on file for me?");
        using var link = await s.Host.LinkAsync(conversation, "acct-1001");

        var sent = await s.Host.SendAgentMessageAsync(conversation, "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.");
        await s.Host.SendAgentMessageAsync(conversation, "One moment please.");
        await dl.WaitForAsync(conversation, token, a => DirectLineTestClient.Text(a) == "One moment please.");
        var log = await dl.ActivitiesAsync(conversation, token);

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That(log.Activities.Select(DirectLineTestClient.Text), Has.None.Contains("Evergreen"));
    }

    [Test]
    public async Task Connector_RefusesAnyCallerButTheBot()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);
        var before = await dl.ActivitiesAsync(conversation, token);
        const string forgedReply = """{"type":"message","text":"I am the bot, give me your code"}""";

        async Task<HttpStatusCode> PostAsync(string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/connector/v3/conversations/{conversation}/activities")
            {
                Content = new StringContent(forgedReply, Encoding.UTF8, "application/json"),
            };
            if (bearer is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await s.Host.Channel.SendAsync(request);
            return response.StatusCode;
        }

        var anonymous = await PostAsync(null);
        var withToken = await PostAsync(token);
        var withSecret = await PostAsync(Secret);
        var after = await dl.ActivitiesAsync(conversation, token);

        Assert.That(new[] { anonymous, withToken, withSecret }, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.Activities, Has.Count.EqualTo(before.Activities.Count));
    }

    [Test]
    public async Task VerificationOverDirectLine_TheCodeIsNotKeptInTheLog_AndTheBotNeverRepeatsIt()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);

        await dl.SayAsync(conversation, token, "hi, what address do you have on file for me?");
        await dl.WaitForAsync(conversation, token, a => DirectLineTestClient.Text(a) == VerificationMessages.AskForContact);
        await dl.SayAsync(conversation, token, "jane.doe@example.com");
        var code = await s.WaitForCodeAsync("jane.doe@example.com");
        var codeId = await dl.SayAsync(conversation, token, code);
        await dl.WaitForAsync(conversation, token, a => DirectLineTestClient.Text(a) == VerificationMessages.Verified);
        var log = await dl.ActivitiesAsync(conversation, token);
        var view = await s.Host.GetConversationAsync(conversation);

        Assert.That(code, Does.Match("^[0-9]{8}$"));
        Assert.That(log.Activities.Select(DirectLineTestClient.Text), Has.None.Contains(code));
        Assert.That(log.Activities.Select(DirectLineTestClient.Text), Has.None.Contains("jane.doe"), "the contact typed for verification is not kept either");
        Assert.That(DirectLineTestClient.Text(log.Activities.Single(a => a.GetProperty("id").GetString() == codeId)), Is.EqualTo(DirectLineChannel.ConsumedMessageNote));
        Assert.That(EndToEndScenario.State(view), Is.EqualTo("verified"));
    }

    [Test]
    public async Task Refresh_GivesANewTokenForTheSameConversation_AndReconnectGivesANewStreamUrl()
    {
        await using var s = await StartAsync();
        var dl = new DirectLineTestClient(s.Host);
        var (token, conversation) = await dl.PageTokenAsync();
        await dl.StartAsync(token);

        using var refresh = await dl.SendAsync(HttpMethod.Post, "tokens/refresh", token);
        var refreshed = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync()).RootElement;
        var newToken = refreshed.GetProperty("token").GetString()!;
        using var reconnect = await dl.SendAsync(HttpMethod.Get, $"conversations/{conversation}?watermark=1", newToken);
        var reconnected = JsonDocument.Parse(await reconnect.Content.ReadAsStringAsync()).RootElement;
        using var socket = await DirectLineTestClient.ConnectAsync(reconnected.GetProperty("streamUrl").GetString()!);
        await dl.SayAsync(conversation, newToken, "after the refresh");
        var streamed = await DirectLineTestClient.ReadUntilAsync(socket, a => DirectLineTestClient.Text(a) == "after the refresh");

        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refreshed.GetProperty("conversationId").GetString(), Is.EqualTo(conversation));
        Assert.That(reconnect.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reconnected.GetProperty("streamUrl").GetString(), Does.Contain("watermark=1"));
        Assert.That(streamed.Select(DirectLineTestClient.Text), Does.Not.Contain(SupportShieldBot.Greeting), "the stream starts after the watermark");
    }

    [Test]
    public async Task Disabled_ServesNoDirectLine_AndThePageTokenEndpointSaysSo()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:DirectLine:Enabled"] = "false");
        var dl = new DirectLineTestClient(s.Host);

        using var generate = await dl.SendAsync(HttpMethod.Post, "tokens/generate", "whatever-secret-000000000000000000000");
        using var page = await s.Host.Channel.PostAsync("directline/token", null);

        Assert.That(generate.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }
}
