using System.Net;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class BotMessagesEndpointTests
{
    [TestCase("", "empty")]
    [TestCase("[1,2]", "not a JSON object")]
    [TestCase("{\"type\":\"message\",\"text\":\"hi\"}", "conversation.id")]
    [TestCase("{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"channelId\":\"test\"}", "serviceUrl")]
    [TestCase("{\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://127.0.0.1:1/\",\"channelId\":\"test\"}", "'type'")]
    public async Task Post_MalformedActivity_Is400WithReason(string body, string expected)
    {
        await using var s = await EndToEndScenario.StartAsync();

        using var response = await s.Host.PostActivityJsonAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(expected));
    }

    [Test]
    public async Task Post_CustomerMessage_BotAnswersAtServiceUrl()
    {
        await using var s = await EndToEndScenario.StartAsync();

        await s.CustomerSaysAsync("conv-hello", "Hi, where is my parcel?");

        var reply = await s.Channel.WaitForAsync(a => a.Conversation?.Id == "conv-hello");
        Assert.That(reply.Text, Is.EqualTo(SupportShield.Bot.BotFramework.SupportShieldBot.Acknowledgement));
    }

    [Test]
    public async Task Post_WithMalformedBearerToken_Is401NotServerError()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var activity = "{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"test\",\"serviceUrl\":\"" + s.Channel.ServiceUrl + "\",\"conversation\":{\"id\":\"c-token\"}}";
        using var content = new StringContent(activity, System.Text.Encoding.UTF8, "application/json");

        using var response = await s.Host.Http.PostAsync("api/messages", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
