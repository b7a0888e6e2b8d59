using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using SupportShield.Bot.AgentConsole;
using SupportShield.Bot.BotFramework;

namespace SupportShield.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Two host processes (A and B) on one PostgreSQL and one Redis: a conversation's turns and the agent's calls land on
/// either, as behind a load balancer. One pair serves every test here (none kills an instance).
/// </summary>
[NonParallelizable]
public sealed class TwoInstanceTests
{
    private const string Verified = "Thank you, you're verified.";
    private InstancePair _pair = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _pair = await InstancePair.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _pair.DisposeAsync();

    [Test]
    public async Task VerifyOnOne_ReleaseOnTheOther_ReplyReachesTheChannelOnce_AndAShowsVerified()
    {
        const string address = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";
        var (a, b, channel) = (_pair.A, _pair.B, _pair.Channel);
        var conversation = "mi-verify-" + Guid.NewGuid().ToString("N")[..8];
        await SayAsync(a, conversation, "Hello, I have a question about my account");
        await a.LinkAsync(conversation, "acct-1001");

        var held = await a.SendAgentMessageAsync(conversation, address);
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"), "held via A");
        Assert.That((await b.GetConversationAsync(conversation)).GetProperty("held").GetArrayLength(), Is.EqualTo(1), "B sees what A held");

        var sent = _pair.CodeEmailCount("jane.doe@example.com");
        await a.StartVerificationAsync(conversation);
        var code = await _pair.WaitForCodeAsync("jane.doe@example.com", sent);
        await SayAsync(b, conversation, code);

        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == Verified);
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == address);
        var onA = await a.GetConversationAsync(conversation);
        Assert.That(onA.GetProperty("verification").GetString(), Is.EqualTo("verified"), "verified through B, verified on A");
        Assert.That(onA.GetProperty("held").GetArrayLength(), Is.Zero);

        // A later reply through A marks the end: everything before it has arrived.
        await a.SendAgentMessageAsync(conversation, "Anything else I can help with?");
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == "Anything else I can help with?");
        Assert.That(channel.TextsFor(conversation).Count(t => t == address), Is.EqualTo(1), "released exactly once");
        Assert.That(channel.TextsFor(conversation).Count(t => t == Verified), Is.EqualTo(1));
        Assert.That(await b.TranscriptAsync(conversation), Has.None.Contain(code));
    }

    [Test]
    public async Task SameCodeOnBothAtOnce_OneVerificationSuccess_OneRelease()
    {
        const string address = "Your address on file is 88 Sample Street, San Francisco, CA 94110.";
        var (a, b, channel) = (_pair.A, _pair.B, _pair.Channel);
        var conversation = "mi-race-" + Guid.NewGuid().ToString("N")[..8];
        await SayAsync(b, conversation, "Hello, I have a question about my account");
        await b.LinkAsync(conversation, "acct-1003");
        Assert.That((await b.SendAgentMessageAsync(conversation, address)).GetProperty("status").GetString(), Is.EqualTo("held"));

        var sent = _pair.CodeEmailCount("maria.example@example.com");
        await b.StartVerificationAsync(conversation);
        var code = await _pair.WaitForCodeAsync("maria.example@example.com", sent);

        // The customer's client sends the code twice (two activities), one landing on each instance, at the same moment.
        using var go = new SemaphoreSlim(0);
        var onA = Task.Run(async () => { await go.WaitAsync(); return await a.PostCustomerMessageAsync(channel, conversation, code); });
        var onB = Task.Run(async () => { await go.WaitAsync(); return await b.PostCustomerMessageAsync(channel, conversation, code); });
        go.Release(2);
        using (var first = await onA)
        using (var second = await onB)
        {
            Assert.That((int)first.StatusCode, Is.InRange(200, 299));
            Assert.That((int)second.StatusCode, Is.InRange(200, 299));
        }

        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == address);
        await a.SendAgentMessageAsync(conversation, "Is there anything else?");
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == "Is there anything else?");
        Assert.That(channel.TextsFor(conversation).Count(t => t == Verified), Is.EqualTo(1), "one verification success message");
        Assert.That(channel.TextsFor(conversation).Count(t => t == address), Is.EqualTo(1), "one release of the held reply");
        var view = await a.GetConversationAsync(conversation);
        Assert.That(view.GetProperty("verification").GetString(), Is.EqualTo("verified"));
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.Zero);
        Assert.That(await a.TranscriptAsync(conversation), Has.None.Contain(code), "neither copy of the code reached the transcript");
    }

    [Test]
    public async Task SameActivityRedeliveredToBoth_IsProcessedOnce()
    {
        var (a, b, channel) = (_pair.A, _pair.B, _pair.Channel);
        var conversation = "mi-redeliver-" + Guid.NewGuid().ToString("N")[..8];
        var activityId = Guid.NewGuid().ToString("N");
        using (var first = await a.PostCustomerMessageAsync(channel, conversation, "When does my parcel arrive, please?", activityId))
        {
            Assert.That((int)first.StatusCode, Is.InRange(200, 299));
        }

        // The channel did not see the answer and sends the same activity again, this time to B.
        using (var again = await b.PostCustomerMessageAsync(channel, conversation, "When does my parcel arrive, please?", activityId))
        {
            Assert.That((int)again.StatusCode, Is.InRange(200, 299));
        }

        await b.SendAgentMessageAsync(conversation, "Let me check that for you.");
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == "Let me check that for you.");
        Assert.That((await a.TranscriptAsync(conversation)).Count(t => t == "When does my parcel arrive, please?"), Is.EqualTo(1));
        Assert.That(channel.TextsFor(conversation).Count(t => t == SupportShieldBot.Acknowledgement), Is.EqualTo(1));
    }

    [Test]
    public async Task AgentSendRetriedWithTheSameKeyOnTheOther_IsSentOnce_AndTheAnswerReplayed()
    {
        var (a, b, channel) = (_pair.A, _pair.B, _pair.Channel);
        var conversation = "mi-key-" + Guid.NewGuid().ToString("N")[..8];
        await SayAsync(a, conversation, "Hello there");
        var key = "key-" + Guid.NewGuid().ToString("N");

        var first = await a.SendAgentMessageAsync(conversation, "Your parcel leaves on Monday.", key);
        using var retry = await b.PostAgentMessageAsync(conversation, "Your parcel leaves on Monday.", key);
        var replayed = await retry.Content.ReadAsStringAsync();

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), replayed);
        Assert.That(retry.Headers.TryGetValues("Idempotent-Replayed", out var flag) && flag.Single() == "true", Is.True);
        Assert.That(replayed, Does.Contain(first.GetProperty("messageId").GetString()));
        await a.SendAgentMessageAsync(conversation, "Anything else?");
        await channel.WaitForAsync(x => x.Conversation.Id == conversation && x.Text == "Anything else?");
        Assert.That(channel.TextsFor(conversation).Count(t => t == "Your parcel leaves on Monday."), Is.EqualTo(1));

        using var bad = await b.PostAgentMessageAsync(conversation, "Hello", "has spaces in it");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task ConsoleConnectedToB_ReceivesTheLinesOfTurnsOnA()
    {
        // A has no console of its own: it pushes only because B said, through Redis, that it has one.
        var (a, b) = (_pair.A, _pair.B);
        var conversation = "mi-console-" + Guid.NewGuid().ToString("N")[..8];
        var cookies = new CookieContainer();
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = b.BaseAddress })
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "console/session") { Content = JsonContent.Create(new { key = InstancePair.AgentKey }) })
        {
            signIn.Headers.Add("X-SupportShield-Console", "1");
            using var response = await browser.SendAsync(signIn);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "console sign-in on B");
        }

        var lines = new ConcurrentQueue<JsonElement>();
        await using var console = new HubConnectionBuilder()
            .WithUrl(new Uri(b.BaseAddress, AgentHub.Path.TrimStart('/')), options => options.Cookies = cookies)
            .Build();
        console.On<JsonElement>(nameof(IAgentConsoleClient.TranscriptLine), lines.Enqueue);
        await console.StartAsync();
        await console.InvokeAsync("Watch", conversation);

        // A sees B's console within about a presence interval (1 s): turns go on until a line arrives.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var turn = 1; lines.IsEmpty && DateTime.UtcNow < deadline; turn++)
        {
            await SayAsync(a, conversation, $"Hello, this is message {turn}");
            await Task.Delay(250);
        }

        Assert.That(lines.Select(l => l.GetProperty("conversationId").GetString()), Has.Some.EqualTo(conversation), "a line of a turn on A reached the console on B");
    }

    private async Task SayAsync(InstanceClient instance, string conversation, string text)
    {
        using var response = await instance.PostCustomerMessageAsync(_pair.Channel, conversation, text);
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"POST /api/messages '{text}' to {instance.BaseAddress}");
    }
}
