using System.Net;
using System.Text;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class DevChannelTests
{
    [Test]
    public async Task Enabled_RepliesToDevChannelServiceUrl_AreListedForTheConversation()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:DevChannel:Enabled"] = "true");
        var serviceUrl = new Uri(s.Host.BaseAddress, "dev/channel/");
        var activity = $$"""{"type":"message","id":"m1","channelId":"dev","serviceUrl":"{{serviceUrl}}","conversation":{"id":"tour"},"from":{"id":"c","role":"user"},"recipient":{"id":"bot"},"text":"hello"}""";

        using var posted = await s.Host.PostActivityJsonAsync(activity);
        var seen = await s.Host.Channel.GetStringAsync("dev/channel/tour");

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonDocument.Parse(seen).RootElement.EnumerateArray().Select(a => a.GetProperty("text").GetString()),
            Does.Contain(SupportShield.Bot.BotFramework.SupportShieldBot.Acknowledgement));
    }

    [Test]
    public async Task Disabled_Is404()
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var get = await s.Host.Channel.GetAsync("dev/channel/tour");
        using var post = await s.Host.Channel.PostAsync("dev/channel/v3/conversations/tour/activities", content);

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
