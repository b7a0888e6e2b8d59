using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SupportShield.EndToEnd.Tests.Support;
using SupportShield.Middleware.Audit;

namespace SupportShield.EndToEnd.Tests;

/// <summary>
/// The case that started the project, over HTTP: an impersonator gives the customer's name and email and a made-up
/// address; the agent "corrects" it with the real one. SupportShield holds the correction and tells the owner, whose
/// "this wasn't me" link then locks chat disclosures for the account.
/// </summary>
[NonParallelizable]
public sealed partial class AccountProtectionTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string Correction = "Hmm, we actually have 742 Evergreen Terrace, Springfield, OR 97403 and +1 503 555 0142 on file.";

    [Test]
    public async Task OriginalCase_CorrectionHeld_OwnerNotified_NotMeLinkLocksDisclosures()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-original-case";

        await s.CustomerSaysAsync(conversation, "Hi, I'm Jane Doe, jane.doe@example.com. I moved to 12 Fake Street, Springfield - can you check the address you have for me?");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var sent = await s.Host.SendAgentMessageAsync(conversation, Correction);

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        var notice = await WaitForNoticeAsync(s);
        Assert.That(notice.TextBody, Does.Not.Contain("Evergreen").And.Not.Contain("Jane").And.Not.Contain("Fake"));
        await Task.Delay(200);
        Assert.That(s.Channel.TextsFor(conversation), Has.None.Contain("Evergreen"));

        // The real Jane reads the notice and presses "this wasn't me".
        var link = new Uri(LinkPattern().Match(notice.TextBody).Value);
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        using var page = await s.Host.Channel.GetAsync(link.PathAndQuery.TrimStart('/'));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<form method=\"post\">"));
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]);
        using var report = await s.Host.Channel.PostAsync("protect/not-me", form);
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Even a later, successful verification does not release on-file data now.
        (await s.Host.StartVerificationAsync(conversation)).Dispose();
        var code = await s.WaitForCodeAsync(JaneEmail);
        await s.CustomerSaysAsync(conversation, code);
        await s.Channel.WaitForAsync(a => a.Text == "Thank you, you're verified.");
        await Task.Delay(300);
        Assert.That(s.Channel.TextsFor(conversation), Has.None.Contain("Evergreen"));
        var view = await s.Host.GetConversationAsync(conversation);
        Assert.That(view.GetProperty("held").GetArrayLength(), Is.EqualTo(1));
        var audit = await s.Host.Services.GetRequiredService<IAuditLog>().ListAsync(conversation);
        Assert.That(audit.Last(r => r.Action == "held").RuleIds, Does.Contain("account.disclosure-lock"), "the release attempt was held again by the lock");
        Assert.That(
            view.GetProperty("held")[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("policyRule").GetString()),
            Does.Contain("account.disclosure-lock"),
            "the agent sees why it is still held");

        // Only ops lift an owner's report; an agent key cannot.
        using var asAgent = await s.Host.Http.PostAsync("api/ops/accounts/acct-1001/unlock-disclosures", null);
        Assert.That(asAgent.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var ops = ApiClients.For(s.Host, ApiClients.OpsKey);
        using var unlocked = await ops.PostAsync("api/ops/accounts/acct-1001/unlock-disclosures", null);
        Assert.That(unlocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await unlocked.Content.ReadAsStringAsync(), Does.Contain("\"wasLocked\":true"));
        var after = await s.Host.SendAgentMessageAsync(conversation, Correction);
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("delivered"), "verified, and the lock lifted by ops");
    }

    [Test]
    public async Task UnverifiedContactChange_IsNotAppliedAndTheOwnerIsNotified()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-hijack";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();

        await s.CustomerSaysAsync(conversation, "I lost my phone, please change the email on my account to attacker@evil.example");
        var notice = await WaitForNoticeAsync(s);
        var code = await s.WaitForCodeAsync(JaneEmail);
        var wrong = code.StartsWith('9') ? new string('1', code.Length) : new string('9', code.Length);
        await s.CustomerSaysAsync(conversation, wrong);
        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("That code isn't right", StringComparison.Ordinal) == true);

        // The account still has its email on file: a new code goes there, never to the attacker.
        (await s.Host.StartVerificationAsync(conversation)).Dispose();
        await s.WaitForCodeAsync(JaneEmail, nth: 2);
        Assert.That(notice.TextBody, Does.Contain("change the contact details").And.Not.Contain("evil"));
        Assert.That(s.Smtp.Messages.SelectMany(m => m.To.Mailboxes).Select(b => b.Address), Has.All.EqualTo(JaneEmail));
        Assert.That(s.Channel.TextsFor(conversation), Has.None.StartWith("Done: the email address on your account is updated"));
    }

    [Test]
    public async Task ConfirmationLeak_YesToTheImpersonatorsGuess_IsHeld()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-guess";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        await s.CustomerSaysAsync(conversation, "Quick check, is my phone number on file still 503 555 0142?");

        var sent = await s.Host.SendAgentMessageAsync(conversation, "Yes, that's the one we have.");

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That(sent.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString()), Does.Contain("conversation.confirmation"));
        await Task.Delay(200);
        Assert.That(s.Channel.TextsFor(conversation), Has.None.EqualTo("Yes, that's the one we have."));
    }

    [Test]
    public async Task CustomerLock_HoldsDataAfterALaterVerification()
    {
        await using var s = await EndToEndScenario.StartAsync();
        const string conversation = "conv-customer-lock";
        await s.CustomerSaysAsync(conversation, "hello");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        (await s.Host.StartVerificationAsync(conversation)).Dispose();
        await s.CustomerSaysAsync(conversation, await s.WaitForCodeAsync(JaneEmail));
        await s.Channel.WaitForAsync(a => a.Text == "Thank you, you're verified.");
        await s.CustomerSaysAsync(conversation, "Please never share my details over chat again.");
        await s.Channel.WaitForAsync(a => a.Text?.StartsWith("Done. From now on we will not share", StringComparison.Ordinal) == true);

        // A later conversation, verified again: the lock still holds the account's data.
        const string later = "conv-customer-lock-later";
        await s.CustomerSaysAsync(later, "hi again");
        (await s.Host.LinkAsync(later, "acct-1001")).Dispose();
        (await s.Host.StartVerificationAsync(later)).Dispose();
        await s.CustomerSaysAsync(later, await s.WaitForCodeAsync(JaneEmail, nth: 2));
        await s.Channel.WaitForAsync(a => a.Conversation.Id == later && a.Text == "Thank you, you're verified.");
        var sent = await s.Host.SendAgentMessageAsync(later, Correction);

        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        Assert.That(sent.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("policyRule").GetString()), Does.Contain("account.disclosure-lock"));
    }

    [Test]
    public async Task NotMeLink_BadToken_IsRefusedAndLocksNothing()
    {
        await using var s = await EndToEndScenario.StartAsync();
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", "forged.token")]);

        using var get = await s.Host.Channel.GetAsync("protect/not-me?token=forged.token");
        using var post = await s.Host.Channel.PostAsync("protect/not-me", form);

        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private static async Task<MimeKit.MimeMessage> WaitForNoticeAsync(EndToEndScenario s)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var notice = s.Smtp.Messages.FirstOrDefault(m => m.Subject?.StartsWith("Activity on your account", StringComparison.Ordinal) == true
                && m.To.Mailboxes.Any(b => b.Address == JaneEmail));
            if (notice is not null)
            {
                return notice;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("No owner notice reached the email on file.");
    }

    [GeneratedRegex(@"https?://\S+/protect/not-me\?token=\S+")]
    private static partial Regex LinkPattern();
}
