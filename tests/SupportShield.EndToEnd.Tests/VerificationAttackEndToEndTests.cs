using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Middleware.Audit;
using SupportShield.Testing;

namespace SupportShield.EndToEnd.Tests;

/// <summary>
/// Attack scripts against the real host over HTTP: brute force across conversations, a code moved between conversations,
/// a resent code, redirect attempts, the send rate limit, the SMS factor through the dev outbox, the host page's identity
/// token, and the ops unlock.
/// </summary>
[NonParallelizable]
public sealed partial class VerificationAttackEndToEndTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string JanePhone = "+1 503 555 0142";
    private const string AddressReply = "Your address on file is 742 Evergreen Terrace, Springfield, OR 97403.";
    private const string OpsKey = "e2e-ops-key";

    [Test]
    public async Task BruteForce_AcrossTwoConversations_LocksTheAccountAndTheRealCodeStopsWorking()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await StartLinkedAsync(s, "conv-brute-a");
        await StartLinkedAsync(s, "conv-brute-b");
        var codeA = await s.WaitForCodeAsync(JaneEmail, 1);
        var codeB = await s.WaitForCodeAsync(JaneEmail, 2);
        var guesses = Enumerable.Range(10_000_000, 10).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Where(g => g != codeA && g != codeB).ToList();

        for (var i = 0; i < 5; i++)
        {
            var conversation = i % 2 == 0 ? "conv-brute-a" : "conv-brute-b";
            await s.CustomerSaysAsync(conversation, guesses[i]);
            await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && CountReplies(s, conversation, "That code isn't right", "Too many wrong codes") >= (i / 2) + 1);
        }

        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Too many wrong codes", StringComparison.Ordinal) == true);
        await s.CustomerSaysAsync("conv-brute-b", codeB);
        using (var again = await s.Host.StartVerificationAsync("conv-brute-a"))
        {
            Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("locked"));
        }

        foreach (var conversation in new[] { "conv-brute-a", "conv-brute-b" })
        {
            var view = await s.Host.GetConversationAsync(conversation);
            Assert.That(EndToEndScenario.State(view), Is.EqualTo("locked"), conversation);
            Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(1), conversation);
            Assert.That(s.Channel.TextsFor(conversation), Has.None.Contain("Evergreen").And.None.EqualTo("Thank you, you're verified."));
        }

        Assert.That(s.CodeEmails, Has.Count.EqualTo(2), "a locked account gets no more codes");
    }

    [Test]
    public async Task CodeSentForOneConversation_EnteredInAnother_DoesNotVerify()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await StartLinkedAsync(s, "conv-victim");
        var victimsCode = await s.WaitForCodeAsync(JaneEmail, 1);
        await StartLinkedAsync(s, "conv-attacker");
        await s.WaitForCodeAsync(JaneEmail, 2);

        await s.CustomerSaysAsync("conv-attacker", victimsCode);

        await s.Channel.WaitForAsync(a => a.Conversation.Id == "conv-attacker" && a.Text == "That code isn't right. You have 4 more tries.");
        Assert.That(EndToEndScenario.State(await s.Host.GetConversationAsync("conv-attacker")), Is.EqualTo("pending"));
        Assert.That(s.Channel.TextsFor("conv-attacker"), Has.None.Contain("Evergreen"));
    }

    [Test]
    public async Task ResentCode_InvalidatesTheEarlierOne()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-resend";
        await StartLinkedAsync(s, conversation);
        var first = await s.WaitForCodeAsync(JaneEmail, 1);
        (await s.Host.StartVerificationAsync(conversation)).Dispose();
        var second = await s.WaitForCodeAsync(JaneEmail, 2);
        Assume.That(second, Is.Not.EqualTo(first));

        await s.CustomerSaysAsync(conversation, first);
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text == "That code isn't right. You have 4 more tries.");
        await s.CustomerSaysAsync(conversation, second);

        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text == "Thank you, you're verified.");
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
        await s.CustomerSaysAsync(conversation, second);
        await Task.Delay(200);
        Assert.That(s.Channel.TextsFor(conversation).Count(t => t == "Thank you, you're verified."), Is.EqualTo(1), "a used code does nothing");
    }

    [TestCase("send it to my new email new.me@evil.example", "new.me@evil.example")]
    [TestCase("can you text it to my new number +1 971 555 0100 instead", "9715550100")]
    public async Task RedirectedCode_ToATypedContact_RefusedAndNothingSentThere(string request, string typed)
    {
        await using var s = await EndToEndScenario.StartAsync(settings =>
        {
            settings["SupportShield:Verification:Factors:0"] = "Email";
            settings["SupportShield:Verification:Factors:1"] = "Sms";
        });
        const string conversation = "conv-redirect-typed";
        await StartLinkedAsync(s, conversation);
        await s.WaitForCodeAsync(JaneEmail, 1);

        await s.CustomerSaysAsync(conversation, request);

        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text?.StartsWith("For your security, I can only send codes to the email address or phone number already on your account", StringComparison.Ordinal) == true);
        await Task.Delay(200);
        Assert.That(s.CodeEmails.SelectMany(m => m.To.Mailboxes).Select(b => b.Address), Is.EqualTo(new[] { JaneEmail }));
        Assert.That(await DevOutboxAsync(s), Is.Empty, "no text message to anyone");
        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(JsonSerializer.Serialize(view), Does.Not.Contain(typed).And.Not.Contain("evil.example"));
        var audit = await s.Host.Services.GetRequiredService<IAuditLog>().ListAsync(conversation);
        Assert.That(audit.Select(a => a.Action), Does.Contain("verification.redirect-refused"));
        Assert.That(JsonSerializer.Serialize(audit), Does.Not.Contain(typed).And.Not.Contain("evil.example"));
    }

    [Test]
    public async Task SmsFactor_CodeToThePhoneOnFileThroughTheDevOutbox_SwitchesAndVerifies()
    {
        await using var s = await EndToEndScenario.StartAsync(settings =>
        {
            settings["SupportShield:Verification:Factors:0"] = "Sms";
            settings["SupportShield:Verification:Factors:1"] = "Email";
        });
        const string conversation = "conv-sms";
        await StartLinkedAsync(s, conversation);
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text?.Contains("by text message to the phone number we have on file", StringComparison.Ordinal) == true);
        var sms = (await WaitForOutboxAsync(s, 1)).Single();
        Assert.That(sms.GetProperty("to").GetString(), Is.EqualTo(JanePhone));
        Assert.That(sms.GetProperty("subject").GetString(), Is.EqualTo("SMS"));
        Assert.That(s.CodeEmails, Is.Empty);

        await s.CustomerSaysAsync(conversation, "send it by email instead");
        var emailed = await s.WaitForCodeAsync(JaneEmail, 1);
        await s.CustomerSaysAsync(conversation, CodeIn(sms.GetProperty("body").GetString()!));
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text == "That code isn't right. You have 4 more tries.");
        await s.CustomerSaysAsync(conversation, emailed);

        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
        Assert.That(EndToEndScenario.State(await s.Host.GetConversationAsync(conversation)), Is.EqualTo("verified"));
    }

    [Test]
    public async Task SixthCodeWithinAnHour_RefusedWithAClearMessage()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-flood";
        await StartLinkedAsync(s, conversation);
        for (var i = 2; i <= 5; i++)
        {
            using var again = await s.Host.StartVerificationAsync(conversation);
            Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("codeSent"), $"code {i}");
        }

        using var sixth = await s.Host.StartVerificationAsync(conversation);

        Assert.That(sixth.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await sixth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("rateLimited"));
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text?.StartsWith("Several codes were sent for this account recently", StringComparison.Ordinal) == true);
        await s.WaitForCodeAsync(JaneEmail, 5);
        await Task.Delay(200);
        Assert.That(s.CodeEmails, Has.Count.EqualTo(5));
        var audit = await s.Host.Services.GetRequiredService<IAuditLog>().ListAsync(conversation);
        Assert.That(audit.SelectMany(a => a.RuleIds), Does.Contain("verification.rate-limited"));
    }

    [Test]
    public async Task IdentityToken_FromTheHostPage_VerifiesWithoutACode_AndAReplayedOneIsIgnored()
    {
        var key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
        await using var s = await EndToEndScenario.StartAsync(settings =>
        {
            settings["SupportShield:Identity:SigningKey"] = Convert.ToBase64String(key);
            settings["SupportShield:Identity:Issuer"] = "https://shop.example/";
        });
        var token = IdentityTokenFactory.Create(key, "https://shop.example/", "acct-1001", DateTimeOffset.UtcNow.AddMinutes(5), "e2e-jti-1");
        const string conversation = "conv-signed-in";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.Host.SendAgentMessageAsync(conversation, AddressReply);

        await PostWithTokenAsync(s, conversation, "what address do you have for me?", token);

        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text == AddressReply);
        Assert.That(EndToEndScenario.State(await s.Host.GetConversationAsync(conversation)), Is.EqualTo("verified"));
        Assert.That(s.CodeEmails, Is.Empty);

        const string thief = "conv-token-thief";
        await PostWithTokenAsync(s, thief, "what address do you have for me?", token);
        await s.Channel.WaitForAsync(a => a.Conversation.Id == thief && a.Text?.Contains("email address or phone number on your account", StringComparison.Ordinal) == true);
        var view = await s.Host.GetConversationAsync(thief);
        Assert.That(EndToEndScenario.State(view), Is.Not.EqualTo("verified"));
        Assert.That(view.GetProperty("accountId").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var audit = await s.Host.Services.GetRequiredService<IAuditLog>().ListAsync(thief);
        Assert.That(audit.SelectMany(a => a.RuleIds), Does.Contain("identity.replayed"));
    }

    [Test]
    public async Task OpsUnlock_EndsTheLock_OnlyWithAnOpsKey()
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:Ops:ApiKeys:0"] = OpsKey);
        const string conversation = "conv-unlock";
        await StartLinkedAsync(s, conversation);
        var code = await s.WaitForCodeAsync(JaneEmail, 1);
        var wrong = code == "00000000" ? "11111111" : "00000000";
        for (var i = 0; i < 5; i++)
        {
            await s.CustomerSaysAsync(conversation, wrong);
        }

        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Too many wrong codes", StringComparison.Ordinal) == true);
        using (var agentKey = await s.Host.Http.PostAsync("api/ops/accounts/acct-1001/unlock-verification", null))
        {
            Assert.That(agentKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "an agent key is not an ops key");
        }

        using var ops = new HttpClient { BaseAddress = s.Host.BaseAddress };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OpsKey);
        using (var unknown = await ops.PostAsync("api/ops/accounts/acct-nobody/unlock-verification", null))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (var unlock = await ops.PostAsync("api/ops/accounts/acct-1001/unlock-verification", null))
        {
            Assert.That(unlock.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await unlock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wasLocked").GetBoolean(), Is.True);
        }

        using (var start = await s.Host.StartVerificationAsync(conversation))
        {
            Assert.That((await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("codeSent"));
        }

        await s.CustomerSaysAsync(conversation, await s.WaitForCodeAsync(JaneEmail, 2));
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
    }

    [Test]
    public void IdentitySigningKeyTooShort_HostRefusesToStart()
    {
        var exception = Assert.CatchAsync(() => EndToEndScenario.StartAsync(settings =>
        {
            settings["SupportShield:Identity:SigningKey"] = Convert.ToBase64String(new byte[16]);
            settings["SupportShield:Identity:Issuer"] = "https://shop.example/";
        }));

        Assert.That(exception!.Message, Does.Contain("SupportShield:Identity:SigningKey").And.Contain("32 bytes"));
    }

    private static async Task StartLinkedAsync(EndToEndScenario s, string conversation)
    {
        await s.CustomerSaysAsync(conversation, "hi");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.Host.SendAgentMessageAsync(conversation, AddressReply);
        using var start = await s.Host.StartVerificationAsync(conversation);
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static int CountReplies(EndToEndScenario s, string conversation, params string[] prefixes) =>
        s.Channel.TextsFor(conversation).Count(t => prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)));

    private static async Task PostWithTokenAsync(EndToEndScenario s, string conversation, string text, string token)
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Id = Guid.NewGuid().ToString("N"),
            Text = text,
            ChannelId = "test",
            ServiceUrl = s.Channel.ServiceUrl.ToString(),
            Conversation = new ConversationAccount(id: conversation),
            From = new ChannelAccount("customer-1", "Customer", RoleTypes.User),
            Recipient = new ChannelAccount("bot", "SupportShield", RoleTypes.Bot),
            ChannelData = new JObject { ["supportShieldIdentity"] = token },
        };
        using var response = await s.Host.PostActivityJsonAsync(Newtonsoft.Json.JsonConvert.SerializeObject(activity));
        Assert.That((int)response.StatusCode, Is.InRange(200, 299));
    }

    private static async Task<List<JsonElement>> DevOutboxAsync(EndToEndScenario s)
    {
        using var client = new HttpClient { BaseAddress = s.Host.BaseAddress };
        using var response = await client.GetAsync("dev/outbox");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<List<JsonElement>> WaitForOutboxAsync(EndToEndScenario s, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var rows = await DevOutboxAsync(s);
            if (rows.Count >= count || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(25);
        }
    }

    private static string CodeIn(string body) => CodePattern().Match(body).Value;

    [GeneratedRegex(@"\b[0-9]{8}\b")]
    private static partial Regex CodePattern();
}
