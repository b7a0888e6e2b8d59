using Microsoft.Playwright;
using SupportShield.Bot.BotFramework;
using SupportShield.Dialogs.Verification;
using SupportShield.EndToEnd.Tests.Browser.Pages;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>The customer's screen at <c>/</c>: real Web Chat in a real Chromium over the host's embedded Direct Line.</summary>
[NonParallelizable]
public sealed class CustomerWebChatTests
{
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => _browser = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await _browser.DisposeAsync();

    [Test]
    public async Task Customer_AtPhoneWidth_AsksForTheAddressOnFile_AndIsAskedToVerify()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var chat = new WebChatPage(await _browser.NewPageAsync(BrowserSession.Phone));
        var page = chat.Page;

        await chat.OpenAsync(s.Host.BaseAddress.ToString(), SupportShieldBot.Greeting);
        await chat.SayAsync("hi, what address do you have on file for me?");
        await chat.ExpectBotSaysAsync(VerificationMessages.AskForContact);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("customer-webchat-phone.png") });

        Assert.That(await page.TitleAsync(), Is.EqualTo("Chat with support"));
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("en"));
        Assert.That(await page.GetByRole(AriaRole.Region, new() { Name = "Chat with support" }).CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("main").CountAsync(), Is.EqualTo(1));
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(BrowserSession.Phone.Width), "no horizontal scrolling at phone width");
        Assert.That(chat.CspViolations, Is.Empty, "Content-Security-Policy violations");
    }

    [Test]
    public async Task Customer_VerifiesWithTheEmailedCode_InWebChat_AndNothingIsStoredInTheBrowser()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var chat = new WebChatPage(await _browser.NewPageAsync(BrowserSession.Desktop));
        var page = chat.Page;

        var response = await chat.OpenAsync(s.Host.BaseAddress.ToString(), SupportShieldBot.Greeting);
        var csp = await response.HeaderValueAsync("content-security-policy");
        await chat.SayAsync("hi, what address do you have on file for me?");
        await chat.ExpectBotSaysAsync(VerificationMessages.AskForContact);
        await chat.SayAsync("jane.doe@example.com");
        var code = await s.WaitForCodeAsync("jane.doe@example.com");
        await chat.SayAsync(code);
        await chat.ExpectBotSaysAsync(VerificationMessages.Verified);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("customer-webchat.png") });

        var userBubbles = await chat.UserBubbleTextsAsync();
        var botBubbles = await chat.BotBubbleTextsAsync();
        var stored = await chat.StoredItemsAsync();
        var cookies = await page.Context.CookiesAsync();
        Assert.That(code, Does.Match("^[0-9]{8}$"));
        Assert.That(userBubbles.Count(b => b.Contains(code, StringComparison.Ordinal)), Is.EqualTo(1), "the code shows in the customer's own bubble");
        Assert.That(botBubbles, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(botBubbles, Has.None.Contains(code), "the bot never repeats the code");
        Assert.That(EndToEndScenario.State(await s.Host.GetConversationAsync(await ConversationIdAsync(s))), Is.EqualTo("verified"));
        Assert.That(stored, Is.Zero, "nothing in localStorage or sessionStorage");
        Assert.That(cookies, Is.Empty);
        Assert.That(new Uri(page.Url).Query, Is.Empty, "nothing in the URL");
        Assert.That(csp, Does.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'"));
        Assert.That(chat.CspViolations, Is.Empty, "Content-Security-Policy violations");
    }

    /// <summary>The one conversation the page started (the host's Direct Line store holds it).</summary>
    private static Task<string> ConversationIdAsync(EndToEndScenario s)
    {
        var store = (SupportShield.Bot.DirectLine.DirectLineConversationStore)s.Host.Services.GetService(typeof(SupportShield.Bot.DirectLine.DirectLineConversationStore))!;
        return Task.FromResult(store.Ids.Single());
    }
}
