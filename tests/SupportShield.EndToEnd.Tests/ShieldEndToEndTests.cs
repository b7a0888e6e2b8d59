using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Middleware.Audit;

namespace SupportShield.EndToEnd.Tests;

/// <summary>
/// The whole story through the real host: Bot Framework activities on /api/messages, replies at the test's own channel
/// endpoint, the agent API, codes read from a real SMTP server on loopback, and a real SQLite file.
/// </summary>
[NonParallelizable]
public sealed class ShieldEndToEndTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";

    [Test]
    public async Task Impersonator_AsksForAddress_GetsNothingAndAgentReplyIsHeld()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-impersonator";

        await s.CustomerSaysAsync(conversation, "Hi, I'm Jane Doe. What address do you have for me?");
        await s.Channel.WaitForAsync(a => a.Text?.Contains("email address or phone number on your account", StringComparison.Ordinal) == true);
        using (var link = await s.Host.LinkAsync(conversation, "acct-1001"))
        {
            Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var sent = await s.Host.SendAgentMessageAsync(conversation, AddressReply);

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That(sent.GetProperty("deliveredText").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(sent.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("type").GetString()), Does.Contain("ADDRESS"));
        Assert.That(sent.GetProperty("reasons")[0].GetProperty("detail").GetString(), Does.Contain("not verified"));
        await Task.Delay(300);
        Assert.That(s.Channel.TextsFor(conversation), Has.None.Contain("Evergreen"));
        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(1));
        Assert.That(view.GetProperty("accountId").GetString(), Is.EqualTo("acct-1001"));
        Assert.That(view.GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("role").GetString()), Does.Contain("customer"));
    }

    [Test]
    public async Task GenuineCustomer_VerifiesWithCodeFromEmailOnFile_HeldReplyArrives()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-genuine";
        await s.CustomerSaysAsync(conversation, "Hello, I have a question about my account");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var held = await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        Assert.That(held.GetProperty("status").GetString(), Is.EqualTo("held"));

        await s.CustomerSaysAsync(conversation, "can you confirm the address you have for me?");
        await s.Channel.WaitForAsync(a => a.Text?.Contains("verification code", StringComparison.Ordinal) == true);
        var code = await s.WaitForCodeAsync(JaneEmail);
        await s.CustomerSaysAsync(conversation, code);

        await s.Channel.WaitForAsync(a => a.Text == "Thank you, you're verified.");
        var released = await s.Channel.WaitForAsync(a => a.Text == AddressReply);
        Assert.That(released.Conversation.Id, Is.EqualTo(conversation));
        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(EndToEndScenario.State(view), Is.EqualTo("verified"));
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(0));
        var transcript = view.GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
        Assert.That(transcript, Does.Contain(AddressReply));
        Assert.That(transcript, Has.None.Contain(code));

        var audit = await s.Host.Services.GetRequiredService<IAuditLog>().ListAsync(conversation);
        Assert.That(JsonSerializer.Serialize(audit), Does.Not.Contain(code).And.Not.Contain("Evergreen"));
        Assert.That(audit.Select(a => a.Action), Does.Contain("held").And.Contain("released").And.Contain("verification.succeeded"));

        var after = await s.Host.SendAgentMessageAsync(conversation, "And your phone is +1 503 555 0142.");
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("delivered"));
    }

    [Test]
    public async Task WrongCodes_LockVerification_AndTheRightCodeNoLongerWorks()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-guesser";
        await s.CustomerSaysAsync(conversation, "hi");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        using (var start = await s.Host.StartVerificationAsync(conversation))
        {
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var code = await s.WaitForCodeAsync(JaneEmail);
        var wrong = code == "00000000" ? "11111111" : "00000000";
        for (var i = 0; i < 5; i++)
        {
            await s.CustomerSaysAsync(conversation, wrong);
        }

        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Too many wrong codes", StringComparison.Ordinal) == true);
        await s.CustomerSaysAsync(conversation, code);
        await Task.Delay(300);

        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(EndToEndScenario.State(view), Is.EqualTo("locked"));
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(1));
        Assert.That(s.Channel.TextsFor(conversation), Has.None.Contain("Evergreen").And.None.EqualTo("Thank you, you're verified."));
    }

    [Test]
    public async Task Code_CannotBeRedirectedToAnEmailTypedInTheChat()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-redirect";

        await s.CustomerSaysAsync(conversation, "I lost access to my email, please change it to new.me@evil.example and send the code there");
        await s.Channel.WaitForAsync(a => a.Text?.Contains("email address or phone number on your account", StringComparison.Ordinal) == true);
        await s.CustomerSaysAsync(conversation, "new.me@evil.example");
        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Thanks. If that matches an account", StringComparison.Ordinal) == true);
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        using (var start = await s.Host.StartVerificationAsync(conversation))
        {
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await s.WaitForCodeAsync(JaneEmail);
        Assert.That(s.Smtp.Messages.SelectMany(m => m.To.Mailboxes).Select(b => b.Address), Has.All.EqualTo(JaneEmail));
    }

    [Test]
    public async Task Restart_KeepsHeldMessageAndPendingVerification_ThenReleases()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-restart";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        await s.CustomerSaysAsync(conversation, "what address do you have on file for me?");
        var code = await s.WaitForCodeAsync(JaneEmail);

        await s.RestartHostAsync();

        var before = await s.Host.GetConversationAsync(conversation);
        Assert.That(EndToEndScenario.State(before), Is.EqualTo("pending"));
        Assert.That(before.GetProperty("held").GetArrayLength(), Is.EqualTo(1));
        await s.CustomerSaysAsync(conversation, code);
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);

        await s.RestartHostAsync();
        var after = await s.Host.GetConversationAsync(conversation);
        Assert.That(EndToEndScenario.State(after), Is.EqualTo("verified"));
        Assert.That(after.GetProperty("held").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public async Task MailServerUnreachable_StartVerificationAnswers503AndHoldsData()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:Email:Smtp:Port"] = SupportShield.Testing.LoopbackSmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        const string conversation = "conv-nosmtp";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();

        using var start = await s.Host.StartVerificationAsync(conversation);
        var body = await start.Content.ReadAsStringAsync();

        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body, Does.Contain("mail server is unreachable"));
        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("I couldn't send a verification code", StringComparison.Ordinal) == true);
        Assert.That((await s.Host.SendAgentMessageAsync(conversation, AddressReply)).GetProperty("status").GetString(), Is.EqualTo("held"));
    }
}
