using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupportShield.Bot.BotFramework;
using SupportShield.Bot.DirectLine;
using SupportShield.Dialogs.Verification;
using SupportShield.EndToEnd.Tests.Browser.Pages;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// The whole story in a real browser: the customer in Web Chat at <c>/</c> (one browser context, phone-sized) and the agent in
/// the console at <c>/agent/</c> (another context), against ONE host started without an SMTP server, so the one-time code
/// goes to the development outbox and is read from <c>GET /dev/outbox</c> over loopback, as a developer would.
/// </summary>
[NonParallelizable]
public sealed partial class CustomerAndAgentStoryTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string AddressReply = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";
    private const string AddressWords = "Evergreen Terrace";
    private const string AddressReason = "holds a street address on file for this account";
    private const string FirstMessage = "Hello, my parcel has not arrived yet.";
    private const string SecondMessage = "It was meant to come on Monday.";
    private const string AskForAddress = "Which delivery address do you have on file for me?";
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => _browser = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await _browser.DisposeAsync();

    [Test]
    public async Task Story_1CustomerTypesAndConsoleShowsIt_2AgentSendsAddressHeldAndWebChatShowsNothing_3CustomerVerifiesWithOutboxCodeAndBothPagesShowDelivery()
    {
        await using var s = await EndToEndScenario.StartAsync(EndToEndScenario.WithoutSmtp);
        await using var agentContext = await _browser.NewContextAsync(s.Host.BaseAddress);
        await using var customerContext = await _browser.NewContextAsync(s.Host.BaseAddress, phone: true);
        var console = await AgentConsolePage.SignInAsync(agentContext);
        var chat = new WebChatPage(await customerContext.NewPageAsync());
        await chat.OpenAsync("/", SupportShieldBot.Greeting);
        await chat.WatchForTextAsync(AddressWords);
        var conversation = s.Host.Services.GetRequiredService<DirectLineConversationStore>().Ids.Single();

        // Step 1: the customer types in Web Chat; the console, already open, lists the conversation and shows each line live.
        await chat.SayAsync(FirstMessage);
        await chat.ExpectBotSaysAsync(SupportShieldBot.Acknowledgement);
        await console.OpenConversationAsync(conversation);
        await Assertions.Expect(console.Transcript).ToContainTextAsync(FirstMessage);
        await chat.SayAsync(SecondMessage);
        await Assertions.Expect(console.Transcript).ToContainTextAsync(SecondMessage);
        Assert.That(console.Navigations, Is.EqualTo(1), "step 1: the console showed the customer's lines without a reload");

        // Step 2: the agent links Jane's account and sends her address from the console: held, with the reason in plain words.
        await console.LinkAccountAsync(JaneEmail, "j***@e***.com", "acct-1001");
        await console.SendReplyAsync(AddressReply);
        await Assertions.Expect(console.ReplyResult).ToContainTextAsync("Held: not sent to the customer.");
        await Assertions.Expect(console.ReplyResult).ToContainTextAsync(AddressReason);
        var held = console.HeldItems.First;
        await Assertions.Expect(console.HeldItems).ToHaveCountAsync(1);
        await Assertions.Expect(held).ToContainTextAsync("Held");
        await Assertions.Expect(held).ToContainTextAsync(AddressReason);
        await Assertions.Expect(held).ToContainTextAsync("customer not verified");
        await Assertions.Expect(held).Not.ToContainTextAsync(AddressWords);
        Assert.That(await chat.HasEverShownAsync(AddressWords), Is.False, "step 2: the held address never reached the Web Chat DOM");

        // Step 3: the customer asks for the address. With an account linked, the bot sends the code straight to the email on
        // file (it asks for no contact details); the code is read from the development outbox.
        await chat.SayAsync(AskForAddress);
        await chat.ExpectBotSaysContainingAsync(CodeSentOpening());
        await Assertions.Expect(console.Transcript).ToContainTextAsync(AskForAddress);
        await Assertions.Expect(console.VerificationState).ToContainTextAsync("pending", new() { IgnoreCase = true });
        await BrowserSession.SaveScreenshotAsync(chat.Page, "story-1-webchat-asks");
        await console.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.SaveScreenshotAsync(console.Page, "story-2-agent-held");
        Assert.That(await chat.HasEverShownAsync(AddressWords), Is.False, "step 3: still nothing of the address in Web Chat before the code");
        Assert.That(await chat.BotBubbleTextsAsync(), Has.None.Contain(AddressWords));

        var code = await CodeFromDevOutboxAsync(s.Host.BaseAddress, JaneEmail);
        await chat.SayAsync(code);
        await chat.ExpectBotSaysAsync(VerificationMessages.Verified);
        await chat.ExpectBotSaysAsync(AddressReply);
        await BrowserSession.SaveScreenshotAsync(chat.Page, "story-3-webchat-verified");

        await Assertions.Expect(held).ToContainTextAsync("Delivered after verification");
        await Assertions.Expect(console.VerificationState).ToHaveTextAsync("Verified");
        await Assertions.Expect(console.Transcript).ToContainTextAsync(VerificationMessages.CodeEnteredTranscriptNote);
        await Assertions.Expect(console.Transcript).ToContainTextAsync(AddressReply);
        await console.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.SaveScreenshotAsync(console.Page, "story-4-agent-delivered");

        var botBubbles = await chat.BotBubbleTextsAsync();
        var codeActivities = await chat.ActivitySendersContainingAsync(code);
        TestContext.Out.WriteLine("Web Chat bubbles from the customer: " + string.Join(" | ", await chat.UserBubbleTextsAsync()));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(code, Does.Match("^[0-9]{8}$"));
            Assert.That(botBubbles, Has.None.Contain(code), "step 3: the bot never echoes the code");
            Assert.That(codeActivities, Is.EqualTo(new[] { "user" }), "the code shows in one activity only: the customer's own");
            Assert.That(botBubbles.Count(b => b == AddressReply), Is.EqualTo(1), "the held reply arrived once");
            Assert.That(await console.Transcript.InnerTextAsync(), Does.Not.Contain(code), "the console never shows the code");
            Assert.That(console.Navigations, Is.EqualTo(1), "step 3: the console showed the delivery without a reload");
            Assert.That(chat.Navigations, Is.EqualTo(1), "the Web Chat was never reloaded");
            Assert.That(await chat.StoredItemsAsync(), Is.Zero, "nothing in the Web Chat's localStorage or sessionStorage");
            Assert.That(await console.StoredItemsAsync(), Is.Zero, "nothing in the console's localStorage or sessionStorage");
            Assert.That(await customerContext.CookiesAsync(), Is.Empty, "the Web Chat sets no cookie");
            foreach (var url in new[] { chat.Page.Url, console.Page.Url })
            {
                Assert.That(new Uri(url).Query, Is.Empty, "nothing in the URL: " + url);
                Assert.That(url, Does.Not.Contain(code).And.Not.Contain("Evergreen").And.Not.Contain(BotHost.AgentKey).And.Not.Contain("jane"));
            }

            Assert.That(chat.CspViolations, Is.Empty, "Content-Security-Policy violations");
            Assert.That(s.Smtp.Messages, Is.Empty, "no SMTP server is configured: the code went to the development outbox");
            Assert.That(EndToEndScenario.State(await s.Host.GetConversationAsync(conversation)), Is.EqualTo("verified"));
        });
    }

    /// <summary>"To protect your account, I've sent an 8-digit verification code to the email address we have on file."</summary>
    private static string CodeSentOpening()
    {
        var sent = VerificationMessages.CodeSent(TimeSpan.FromMinutes(10));
        return sent[..(sent.IndexOf(" Please", StringComparison.Ordinal) + 1)].TrimEnd();
    }

    /// <summary>Reads the newest code emailed to <paramref name="to"/> from <c>GET /dev/outbox</c> (no key; loopback only), polling until it is there.</summary>
    private static async Task<string> CodeFromDevOutboxAsync(Uri host, string to)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await http.GetAsync("dev/outbox");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "GET /dev/outbox over loopback");
            using var mails = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var mail = mails.RootElement.EnumerateArray().FirstOrDefault(m =>
                m.GetProperty("subject").GetString() == "Your verification code"
                && string.Equals(m.GetProperty("to").GetString(), to, StringComparison.OrdinalIgnoreCase));
            if (mail.ValueKind == JsonValueKind.Object)
            {
                return CodePattern().Match(mail.GetProperty("body").GetString() ?? string.Empty).Value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No code for {to} in the development outbox.");
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"\b[0-9]{8}\b")]
    private static partial Regex CodePattern();
}
