using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// The agent console in a real browser against the real host: the customer's side is the test's own Bot Framework channel,
/// the codes come from the scenario's SMTP server, and every update reaches the page through the agent hub (no reload).
/// </summary>
[NonParallelizable]
public sealed partial class AgentConsoleBrowserTests
{
    private const string JaneEmail = "jane.doe@example.com";
    private const string AddressReply = "We have 742 Evergreen Terrace, Springfield, OR 97403 on file.";
    private const string AddressReason = "holds a street address on file for this account";
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => _browser = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await _browser.DisposeAsync();

    [Test]
    public async Task CustomerMessage_AppearsInTheConsole_WithoutReload()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-live-1", "Hello there");
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var page = await SignedInAsync(context);

        await Assertions.Expect(ConversationButton(page, "conv-live-1")).ToBeVisibleAsync();
        await ConversationButton(page, "conv-live-1").ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("Hello there");
        await Assertions.Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await s.CustomerSaysAsync("conv-live-1", "Where is my parcel? Order 123456.");
        await s.CustomerSaysAsync("conv-live-2", "A second customer writes in");

        await Assertions.Expect(Transcript(page)).ToContainTextAsync("Where is my parcel?");
        await Assertions.Expect(ConversationButton(page, "conv-live-2")).ToBeVisibleAsync();
        Assert.That(navigations, Is.Zero, "the page was not reloaded");
        Assert.That(await Transcript(page).TextContentAsync(), Does.Not.Contain("A second customer"), "only the selected conversation's lines");
        Assert.That(page.Url, Does.Not.Contain("Hello").And.Not.Contain("parcel"));
    }

    [Test]
    public async Task AgentLinksAccountAndSendsAddress_ConsoleShowsItHeldWithThePlainWordsReason_ChannelGetsNothing()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var page = await HeldAddressAsync(s, context, "conv-held");

        var item = page.Locator("#held-list > li").First;
        await Assertions.Expect(item).ToContainTextAsync("Held");
        await Assertions.Expect(item).ToContainTextAsync(AddressReason);
        await Assertions.Expect(item).ToContainTextAsync("customer not verified");
        await Assertions.Expect(item).Not.ToContainTextAsync("Evergreen");
        await Assertions.Expect(page.Locator("#verification-state")).ToContainTextAsync("pending", new() { IgnoreCase = true });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.SaveScreenshotAsync(page, "agent-console");

        Assert.That(s.Channel.TextsFor("conv-held"), Has.None.Contain("Evergreen"));
        Assert.That(await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"), Is.Zero);
    }

    [Test]
    public async Task CustomerVerifies_ConsoleShowsTheHeldMessageDelivered_WithoutReload()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var page = await HeldAddressAsync(s, context, "conv-verify");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await page.GetByRole(AriaRole.Button, new() { Name = "Start verification" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification-status")).ToContainTextAsync("A code was sent to the contact on file");
        var code = await s.WaitForCodeAsync(JaneEmail);
        await s.CustomerSaysAsync("conv-verify", code);

        var item = page.Locator("#held-list > li").First;
        await Assertions.Expect(item).ToContainTextAsync("Delivered after verification");
        await Assertions.Expect(page.Locator("#verification-state")).ToHaveTextAsync("Verified");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("[verification code entered]");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync(AddressReply);
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync("delivered");
        Assert.That(await Transcript(page).TextContentAsync(), Does.Not.Contain(code));
        Assert.That(navigations, Is.Zero, "the page was not reloaded");
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
    }

    [Test]
    public async Task KeyboardAlone_AtPhoneWidth_SelectsAConversationAndSendsAReply()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-keys", "Hello, can you help?");
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress, phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await Assertions.Expect(page.GetByLabel("Agent or supervisor key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(BotHost.AgentKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Signed in as agent")).ToBeVisibleAsync();
        await Assertions.Expect(ConversationButton(page, "conv-keys")).ToBeVisibleAsync();

        await TabToAsync(page, "#actor-id");
        await page.Keyboard.TypeAsync("agent-7");
        await TabToAsync(page, "[data-conversation='conv-keys']");
        Assert.That(await page.EvaluateAsync<bool>("() => document.activeElement.matches(':focus-visible')"), Is.True, "focus is visible");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#conversation-heading")).ToBeFocusedAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("Hello, can you help?");
        await TabToAsync(page, "#reply-text");
        await page.Keyboard.TypeAsync("Your parcel left our warehouse today.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.Locator("#reply-result")).ToContainTextAsync("Delivered to the customer.");
        await s.Channel.WaitForAsync(a => a.Text == "Your parcel left our warehouse today.");
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("Your parcel left our warehouse today.");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing is wider than a 390 px phone");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, textarea, select')].filter(c => c.labels.length === 0 && !c.getAttribute('aria-label')).map(c => c.id)");
        Assert.That(unlabelled, Is.Empty, "every control has a label");
        Assert.That(await page.Locator("main").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("nav").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("[aria-live]").CountAsync(), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Supervisor_SeesTheOverrideRequest_AndApprovesIt_ButCannotReply()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        await using var agentContext = await _browser.NewContextAsync(s.Host.BaseAddress);
        var agent = await HeldAddressAsync(s, agentContext, "conv-override");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Ask for an override" }).ClickAsync();
        await agent.GetByLabel("Why must the customer get this before verifying?").FillAsync("Customer is at the depot and needs the delivery address now.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send override request" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#held-status")).ToContainTextAsync("Override requested");

        await using var supervisorContext = await _browser.NewContextAsync(s.Host.BaseAddress);
        var supervisor = await SignedInAsync(supervisorContext, ApiClients.SupervisorKey, "lead-1");
        await ConversationButton(supervisor, "conv-override").ClickAsync();
        Assert.That(await supervisor.Locator("#reply-form").IsVisibleAsync(), Is.False, "supervisors read and decide; they do not reply");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Approve override" }).ClickAsync();

        await Assertions.Expect(supervisor.Locator("#held-list > li").First).ToContainTextAsync("Delivered on an approved override");
        await Assertions.Expect(agent.Locator("#held-list > li").First).ToContainTextAsync("Delivered on an approved override");
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
    }

    /// <summary>
    /// A customer claiming to be Jane asks for her address; in the console the agent finds and links her account by email, and
    /// sends the address from the reply box: it is held.
    /// </summary>
    private static async Task<IPage> HeldAddressAsync(EndToEndScenario s, IBrowserContext context, string conversation)
    {
        await s.CustomerSaysAsync(conversation, "Hi, I am Jane Doe. What address do you have for me?");
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text?.Contains("email address or phone number on your account", StringComparison.Ordinal) == true);
        var page = await SignedInAsync(context);
        await ConversationButton(page, conversation).ClickAsync();
        await Assertions.Expect(Transcript(page)).ToContainTextAsync("What address do you have for me?");

        await page.GetByLabel("Account id, email or phone").FillAsync(JaneEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search accounts" }).ClickAsync();
        await Assertions.Expect(page.Locator("#search-results")).ToContainTextAsync("j***@e***.com");
        await Assertions.Expect(page.Locator("#search-results")).Not.ToContainTextAsync("jane.doe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link acct-1001" }).ClickAsync();
        await Assertions.Expect(page.Locator("#linked-account")).ToHaveTextAsync("acct-1001");

        await page.GetByLabel("Reply to the customer").FillAsync(AddressReply);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reply-result")).ToContainTextAsync("Held: not sent to the customer.");
        await Assertions.Expect(page.Locator("#reply-result")).ToContainTextAsync(AddressReason);
        await Assertions.Expect(page.Locator("#held-list > li")).ToHaveCountAsync(1);
        return page;
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext context, string key = BotHost.AgentKey, string actor = "agent-7")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent/");
        await page.GetByLabel("Agent or supervisor key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByText(SignedInPattern())).ToBeVisibleAsync();
        await page.Locator("#actor-id").FillAsync(actor);
        await Assertions.Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator ConversationButton(IPage page, string conversation) => page.Locator($"[data-conversation='{conversation}']");

    private static ILocator Transcript(IPage page) => page.Locator("#transcript");

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 40 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    [GeneratedRegex("^Signed in as (agent|supervisor)$")]
    private static partial Regex SignedInPattern();
}
