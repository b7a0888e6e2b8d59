using Microsoft.Playwright;

namespace SupportShield.EndToEnd.Tests.Browser.Pages;

/// <summary>
/// The customer's Web Chat at <c>/</c>, as a customer uses it: type into the send box, read the bot's bubbles. Watches the
/// browser console for Content-Security-Policy violations and counts navigations (a reload would show as one).
/// </summary>
internal sealed class WebChatPage
{
    private const string UserBubbles = ".webchat__bubble.webchat__bubble--from-user .webchat__bubble__content";
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";

    public WebChatPage(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page;
        page.Console += (_, message) =>
        {
            TestContext.Out.WriteLine($"browser console {message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => TestContext.Out.WriteLine("browser page error: " + error);
        page.RequestFailed += (_, request) => TestContext.Out.WriteLine($"browser request failed: {request.Method} {request.Url} {request.Failure}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Navigations++;
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Content-Security-Policy violations the browser reported.</summary>
    public List<string> CspViolations { get; } = [];

    /// <summary>How often the main frame navigated (1 after the first load; more means a reload).</summary>
    public int Navigations { get; private set; }

    /// <summary>The whole chat's visible text.</summary>
    public ILocator Chat => Page.Locator("#webchat");

    /// <summary>Opens <paramref name="address"/> (the host's <c>/</c>) and waits for the bot's greeting.</summary>
    public async Task<IResponse> OpenAsync(string address, string greeting)
    {
        var response = await Page.GotoAsync(address) ?? throw new InvalidOperationException("No response for " + address);
        await ExpectBotSaysAsync(greeting);
        return response;
    }

    /// <summary>Types <paramref name="text"/> into the send box and presses Enter.</summary>
    public async Task SayAsync(string text)
    {
        var input = Page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Waits for a bot bubble that is exactly <paramref name="text"/> (Web Chat's Markdown renderer shows ' as ’).</summary>
    public Task ExpectBotSaysAsync(string text) =>
        Assertions.Expect(Chat.GetByText(Typographic(text), new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });

    /// <summary>Waits for a bot bubble that contains <paramref name="text"/>.</summary>
    public Task ExpectBotSaysContainingAsync(string text) =>
        Assertions.Expect(Page.Locator(BotBubbles).Filter(new() { HasText = Typographic(text) }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });

    /// <summary>The texts of the customer's own bubbles.</summary>
    public Task<IReadOnlyList<string>> UserBubbleTextsAsync() => Page.Locator(UserBubbles).AllInnerTextsAsync();

    /// <summary>The texts of the bot's bubbles (the bot's and the agent's words).</summary>
    public Task<IReadOnlyList<string>> BotBubbleTextsAsync() => Page.Locator(BotBubbles).AllInnerTextsAsync();

    /// <summary>Who sent each transcript activity whose text (visible or for screen readers) contains <paramref name="text"/>: "user" or "bot".</summary>
    public Task<string[]> ActivitySendersContainingAsync(string text) =>
        Page.EvaluateAsync<string[]>(
            """
            (text) => [...document.querySelectorAll('#webchat article.webchat__basic-transcript__activity')]
              .filter((a) => a.textContent.includes(text))
              .map((a) => a.querySelector('.webchat__stacked-layout--from-user') ? 'user' : 'bot')
            """,
            text);

    /// <summary>Items in localStorage and sessionStorage together.</summary>
    public Task<int> StoredItemsAsync() => Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length");

    /// <summary>
    /// From now on, records whether <paramref name="text"/> ever appears anywhere in the page's DOM (text or attributes), even
    /// for a moment; read it with <see cref="HasEverShownAsync"/>. The watch lives in a page variable, not in browser storage.
    /// </summary>
    public Task WatchForTextAsync(string text) =>
        Page.EvaluateAsync(
            """
            (text) => {
              window.__watched = window.__watched || {};
              window.__watched[text] = document.documentElement.outerHTML.includes(text);
              const has = (value) => typeof value === 'string' && value.includes(text);
              new MutationObserver((records) => {
                for (const r of records) {
                  const seen = r.type === 'childList' ? [...r.addedNodes].some((n) => has(n.outerHTML) || has(n.textContent))
                    : r.type === 'characterData' ? has(r.target.data)
                    : has(r.target.getAttribute(r.attributeName));
                  if (seen) window.__watched[text] = true;
                }
                if (has(document.documentElement.outerHTML)) window.__watched[text] = true;
              }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """,
            text);

    /// <summary>Whether the text given to <see cref="WatchForTextAsync"/> has appeared in the DOM since.</summary>
    public Task<bool> HasEverShownAsync(string text) => Page.EvaluateAsync<bool>("(text) => window.__watched[text] === true", text);

    private static string Typographic(string text) => text.Replace('\'', '\u2019');
}
