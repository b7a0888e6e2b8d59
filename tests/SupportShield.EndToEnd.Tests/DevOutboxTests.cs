using System.Net;
using System.Text.Json;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests;

[NonParallelizable]
public sealed class DevOutboxTests
{
    [Test]
    public async Task NoSmtpConfigured_CodeGoesToDevOutboxOnLoopback_AndVerifies()
    {
        await using var s = await EndToEndScenario.StartAsync(EndToEndScenario.WithoutSmtp);
        const string conversation = "conv-outbox";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.Host.SendAgentMessageAsync(conversation, "We have 742 Evergreen Terrace on file.");
        await s.CustomerSaysAsync(conversation, "What address do you have for me?");

        using var outbox = await new HttpClient { BaseAddress = s.Host.BaseAddress }.GetAsync("dev/outbox");
        var mails = JsonDocument.Parse(await outbox.Content.ReadAsStringAsync()).RootElement;
        var mail = mails.EnumerateArray().First(m => m.GetProperty("subject").GetString() == "Your verification code");
        var code = System.Text.RegularExpressions.Regex.Match(mail.GetProperty("body").GetString()!, @"\b[0-9]{8}\b").Value;
        await s.CustomerSaysAsync(conversation, code);

        Assert.That(outbox.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mail.GetProperty("to").GetString(), Is.EqualTo("jane.doe@example.com"));
        Assert.That(s.Smtp.Messages, Is.Empty);
        await s.Channel.WaitForAsync(a => a.Text == "We have 742 Evergreen Terrace on file.");
    }
}
