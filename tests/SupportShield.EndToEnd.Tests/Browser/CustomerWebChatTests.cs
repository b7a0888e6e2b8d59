using Microsoft.Playwright;
using SupportShield.Bot.BotFramework;
using SupportShield.Dialogs.Verification;
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
        var page = await _browser.NewPageAsync(BrowserSession.Phone);
        var violations = WatchForCspViolations(page);

        await page.GotoAsync(s.Host.BaseAddress.ToString());
        await ExpectBotSaysAsync(page, SupportShieldBot.Greeting);
        await SayAsync(page, "hi, what address do you have on file for me?");
        await ExpectBotSaysAsync(page, VerificationMessages.AskForContact);
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("customer-webchat-phone.png") });

        Assert.That(await page.TitleAsync(), Is.EqualTo("Chat with support"));
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("en"));
        Assert.That(await page.GetByRole(AriaRole.Region, new() { Name = "Chat with support" }).CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("main").CountAsync(), Is.EqualTo(1));
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(BrowserSession.Phone.Width), "no horizontal scrolling at phone width");
        Assert.That(violations, Is.Empty, "Content-Security-Policy violations");
    }

    [Test]
    public async Task Customer_VerifiesWithTheEmailedCode_InWebChat_AndNothingIsStoredInTheBrowser()
    {
        await using var s = await EndToEndScenario.StartAsync();
        var page = await _browser.NewPageAsync(BrowserSession.Desktop);
        var violations = WatchForCspViolations(page);

        var response = await page.GotoAsync(s.Host.BaseAddress.ToString());
        var csp = await response!.HeaderValueAsync("content-security-policy");
        await ExpectBotSaysAsync(page, SupportShieldBot.Greeting);
        await SayAsync(page, "hi, what address do you have on file for me?");
        await ExpectBotSaysAsync(page, VerificationMessages.AskForContact);
        await SayAsync(page, "jane.doe@example.com");
        var code = await s.WaitForCodeAsync("jane.doe@example.com");
        await SayAsync(page, code);
        await ExpectBotSaysAsync(page, VerificationMessages.Verified);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("customer-webchat.png") });

        var userBubbles = await page.Locator(".webchat__bubble.webchat__bubble--from-user .webchat__bubble__content").AllInnerTextsAsync();
        var botBubbles = await page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content").AllInnerTextsAsync();
        var stored = await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length");
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
        Assert.That(violations, Is.Empty, "Content-Security-Policy violations");
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Waits for the bot's message (Web Chat's Markdown renderer shows ' as ’).</summary>
    private static Task ExpectBotSaysAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator("#webchat").GetByText(text.Replace('\'', '\u2019'), new() { Exact = true }).First)
            .ToBeVisibleAsync(new() { Timeout = 15_000 });

    private static List<string> WatchForCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            TestContext.Out.WriteLine($"browser console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => TestContext.Out.WriteLine("browser page error: " + error);
        page.RequestFailed += (_, request) => TestContext.Out.WriteLine($"browser request failed: {request.Method} {request.Url} {request.Failure}");
        return violations;
    }

    /// <summary>The one conversation the page started (the host's Direct Line store holds it).</summary>
    private static Task<string> ConversationIdAsync(EndToEndScenario s)
    {
        var store = (SupportShield.Bot.DirectLine.DirectLineConversationStore)s.Host.Services.GetService(typeof(SupportShield.Bot.DirectLine.DirectLineConversationStore))!;
        return Task.FromResult(store.Ids.Single());
    }
}
