using System.Net;
using System.Net.Http.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class RateLimitTests
{
    [Test]
    public async Task CustomerMessages_OverTheConversationLimit_Are429WithRetryAfter()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:RateLimits:MessagesPerConversationPerMinute"] = "3");
        for (var i = 0; i < 3; i++)
        {
            await s.CustomerSaysAsync("conv-flood", $"message {i}");
        }

        using var fourth = await s.Host.PostCustomerMessageAsync(s.Channel, "conv-flood", "message 3");
        using var other = await s.Host.PostCustomerMessageAsync(s.Channel, "conv-other", "hello");

        Assert.That(fourth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(fourth.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await fourth.Content.ReadAsStringAsync(), Does.Contain("messages per conversation"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another conversation is not limited");
        var view = await s.Host.GetConversationAsync("conv-flood");
        Assert.That(view.GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("text").GetString()), Has.None.EqualTo("message 3"));
    }

    [Test]
    public async Task Messages_SpreadOverConversationsOfOneAccount_HitTheAccountLimit()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:RateLimits:MessagesPerAccountPerMinute"] = "4");
        foreach (var conversation in new[] { "conv-a", "conv-b" })
        {
            await s.CustomerSaysAsync(conversation, "hello");
            (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var conversation in new[] { "conv-a", "conv-b", "conv-a", "conv-b", "conv-a" })
        {
            using var response = await s.Host.PostCustomerMessageAsync(s.Channel, conversation, "where is my parcel");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Take(4), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses[4], Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task AgentVerificationStarts_OverTheLimit_Are429AndSendNoCode()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:RateLimits:VerificationStartsPerAccountPerHour"] = "1");
        await s.CustomerSaysAsync("conv-starts", "hello");
        (await s.Host.LinkAsync("conv-starts", "acct-1001")).Dispose();

        using var first = await s.Host.StartVerificationAsync("conv-starts");
        await s.WaitForCodeAsync("jane.doe@example.com");
        using var second = await s.Host.StartVerificationAsync("conv-starts");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(second.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(1)));
        await Task.Delay(200);
        Assert.That(s.Smtp.Messages.Count(m => m.Subject == "Your verification code"), Is.EqualTo(1));
    }

    [Test]
    public async Task AgentReplies_OverTheConversationLimit_Are429()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:RateLimits:MessagesPerConversationPerMinute"] = "2");
        await s.CustomerSaysAsync("conv-agent", "hello");

        using var ok = await s.Host.Http.PostAsJsonAsync("api/agent/conversations/conv-agent/messages", new { agentId = "a", text = "one" });
        using var limited = await s.Host.Http.PostAsJsonAsync("api/agent/conversations/conv-agent/messages", new { agentId = "a", text = "two" });

        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task CustomerTriggeredVerificationStarts_OverTheLimit_AreRefusedInTheChat()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:RateLimits:VerificationStartsPerConversationPerHour"] = "1");
        await s.CustomerSaysAsync("conv-starts-chat", "hello");
        (await s.Host.LinkAsync("conv-starts-chat", "acct-1001")).Dispose();

        await s.CustomerSaysAsync("conv-starts-chat", "what address do you have for me?");
        var code = await s.WaitForCodeAsync("jane.doe@example.com");
        await s.CustomerSaysAsync("conv-starts-chat", code);
        await s.Channel.WaitForAsync(a => a.Text == "Thank you, you're verified.");
        (await s.Host.LinkAsync("conv-starts-chat", "acct-1002")).Dispose();
        await s.CustomerSaysAsync("conv-starts-chat", "and what phone number do you have for me?");

        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Several codes were sent", StringComparison.Ordinal) == true);
        Assert.That(s.CodeEmails, Has.Count.EqualTo(1));
    }
}
