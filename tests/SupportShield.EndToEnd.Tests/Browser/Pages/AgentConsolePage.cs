using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser.Pages;

/// <summary>
/// The agent console at <c>/agent/</c>, as an agent uses it: sign in with a key, pick a conversation, link an account, reply.
/// Counts navigations, so a test can show that updates arrived without a reload.
/// </summary>
internal sealed partial class AgentConsolePage
{
    public AgentConsolePage(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Page = page;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Navigations++;
            }
        };
    }

    public IPage Page { get; }

    /// <summary>How often the main frame navigated (1 after sign-in's page load; more means a reload).</summary>
    public int Navigations { get; private set; }

    /// <summary>The selected conversation's transcript.</summary>
    public ILocator Transcript => Page.Locator("#transcript");

    /// <summary>The selected conversation's held messages.</summary>
    public ILocator HeldItems => Page.Locator("#held-list > li");

    /// <summary>What the console said about the last reply.</summary>
    public ILocator ReplyResult => Page.Locator("#reply-result");

    /// <summary>The selected conversation's verification state.</summary>
    public ILocator VerificationState => Page.Locator("#verification-state");

    /// <summary>Opens <c>/agent/</c> in <paramref name="context"/>, signs in with <paramref name="key"/> and fills in the agent id; waits for live updates.</summary>
    public static async Task<AgentConsolePage> SignInAsync(IBrowserContext context, string key = BotHost.AgentKey, string actor = "agent-7")
    {
        ArgumentNullException.ThrowIfNull(context);
        var console = new AgentConsolePage(await context.NewPageAsync());
        var page = console.Page;
        await page.GotoAsync("/agent/");
        await page.GetByLabel("Agent or supervisor key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText(SignedInPattern())).ToBeVisibleAsync();
        await page.Locator("#actor-id").FillAsync(actor);
        await Assertions.Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();
        return console;
    }

    /// <summary>The conversation's button in the list.</summary>
    public ILocator ConversationButton(string conversation) => Page.Locator($"[data-conversation='{conversation}']");

    /// <summary>Waits for the conversation in the list and opens it.</summary>
    public async Task OpenConversationAsync(string conversation)
    {
        await Assertions.Expect(ConversationButton(conversation)).ToBeVisibleAsync();
        await ConversationButton(conversation).ClickAsync();
        await Assertions.Expect(Page.Locator("#conversation-body")).ToBeVisibleAsync();
    }

    /// <summary>Searches accounts for <paramref name="query"/>, checks the result is masked as <paramref name="masked"/>, and links <paramref name="accountId"/>.</summary>
    public async Task LinkAccountAsync(string query, string masked, string accountId)
    {
        var results = Page.Locator("#search-results");
        await Page.GetByLabel("Account id, email or phone").FillAsync(query);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search accounts" }).ClickAsync();
        await Assertions.Expect(results).ToContainTextAsync(masked);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Link " + accountId }).ClickAsync();
        await Assertions.Expect(Page.Locator("#linked-account")).ToHaveTextAsync(accountId);
    }

    /// <summary>Types <paramref name="text"/> into the reply box and sends it.</summary>
    public async Task SendReplyAsync(string text)
    {
        await Page.GetByLabel("Reply to the customer").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
    }

    /// <summary>Items in localStorage and sessionStorage together.</summary>
    public Task<int> StoredItemsAsync() => Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length");

    [GeneratedRegex("^Signed in as (agent|supervisor)$")]
    private static partial Regex SignedInPattern();
}
