using Microsoft.Playwright;
using SupportShield.EndToEnd.Tests.Browser.Pages;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// The agent console in a real browser against the real host: the customer's side is the test's own Bot Framework channel,
/// the codes come from the scenario's SMTP server, and every update reaches the page through the agent hub (no reload).
/// </summary>
[NonParallelizable]
public sealed class AgentConsoleBrowserTests
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
        var console = await AgentConsolePage.SignInAsync(context);
        var page = console.Page;

        await console.OpenConversationAsync("conv-live-1");
        await Assertions.Expect(console.Transcript).ToContainTextAsync("Hello there");
        await Assertions.Expect(page.GetByText("Live updates on.")).ToBeVisibleAsync();

        await s.CustomerSaysAsync("conv-live-1", "Where is my parcel? Order 123456.");
        await s.CustomerSaysAsync("conv-live-2", "A second customer writes in");

        await Assertions.Expect(console.Transcript).ToContainTextAsync("Where is my parcel?");
        await Assertions.Expect(console.ConversationButton("conv-live-2")).ToBeVisibleAsync();
        Assert.That(console.Navigations, Is.EqualTo(1), "the page was not reloaded");
        Assert.That(await console.Transcript.TextContentAsync(), Does.Not.Contain("A second customer"), "only the selected conversation's lines");
        Assert.That(page.Url, Does.Not.Contain("Hello").And.Not.Contain("parcel"));
    }

    [Test]
    public async Task AgentLinksAccountAndSendsAddress_ConsoleShowsItHeldWithThePlainWordsReason_ChannelGetsNothing()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var console = await HeldAddressAsync(s, context, "conv-held");
        var page = console.Page;

        var item = console.HeldItems.First;
        await Assertions.Expect(item).ToContainTextAsync("Held");
        await Assertions.Expect(item).ToContainTextAsync(AddressReason);
        await Assertions.Expect(item).ToContainTextAsync("customer not verified");
        await Assertions.Expect(item).Not.ToContainTextAsync("Evergreen");
        await Assertions.Expect(console.VerificationState).ToContainTextAsync("pending", new() { IgnoreCase = true });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserSession.SaveScreenshotAsync(page, "agent-console");

        Assert.That(s.Channel.TextsFor("conv-held"), Has.None.Contain("Evergreen"));
        Assert.That(await console.StoredItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task CustomerVerifies_ConsoleShowsTheHeldMessageDelivered_WithoutReload()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var console = await HeldAddressAsync(s, context, "conv-verify");
        var page = console.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Start verification" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification-status")).ToContainTextAsync("A code was sent to the contact on file");
        var code = await s.WaitForCodeAsync(JaneEmail);
        await s.CustomerSaysAsync("conv-verify", code);

        var item = console.HeldItems.First;
        await Assertions.Expect(item).ToContainTextAsync("Delivered after verification");
        await Assertions.Expect(console.VerificationState).ToHaveTextAsync("Verified");
        await Assertions.Expect(console.Transcript).ToContainTextAsync("[verification code entered]");
        await Assertions.Expect(console.Transcript).ToContainTextAsync(AddressReply);
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync("delivered");
        Assert.That(await console.Transcript.TextContentAsync(), Does.Not.Contain(code));
        Assert.That(console.Navigations, Is.EqualTo(1), "the page was not reloaded");
        await s.Channel.WaitForAsync(a => a.Text == AddressReply);
    }

    [Test]
    public async Task KeyboardAlone_AtPhoneWidth_SelectsAConversationAndSendsAReply()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await s.CustomerSaysAsync("conv-keys", "Hello, can you help?");
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress, phone: true);
        var console = new AgentConsolePage(await context.NewPageAsync());
        var page = console.Page;
        await page.GotoAsync("/agent/");
        await Assertions.Expect(page.GetByLabel("Agent or supervisor key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(BotHost.AgentKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Signed in as agent")).ToBeVisibleAsync();
        await Assertions.Expect(console.ConversationButton("conv-keys")).ToBeVisibleAsync();

        await TabToAsync(page, "#actor-id");
        await page.Keyboard.TypeAsync("agent-7");
        await TabToAsync(page, "[data-conversation='conv-keys']");
        Assert.That(await page.EvaluateAsync<bool>("() => document.activeElement.matches(':focus-visible')"), Is.True, "focus is visible");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#conversation-heading")).ToBeFocusedAsync();
        await Assertions.Expect(console.Transcript).ToContainTextAsync("Hello, can you help?");
        await TabToAsync(page, "#reply-text");
        await page.Keyboard.TypeAsync("Your parcel left our warehouse today.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(console.ReplyResult).ToContainTextAsync("Delivered to the customer.");
        await s.Channel.WaitForAsync(a => a.Text == "Your parcel left our warehouse today.");
        await Assertions.Expect(console.Transcript).ToContainTextAsync("Your parcel left our warehouse today.");

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
        var agent = (await HeldAddressAsync(s, agentContext, "conv-override")).Page;
        await agent.GetByRole(AriaRole.Button, new() { Name = "Ask for an override" }).ClickAsync();
        await agent.GetByLabel("Why must the customer get this before verifying?").FillAsync("Customer is at the depot and needs the delivery address now.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send override request" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#held-status")).ToContainTextAsync("Override requested");

        await using var supervisorContext = await _browser.NewContextAsync(s.Host.BaseAddress);
        var supervisorConsole = await AgentConsolePage.SignInAsync(supervisorContext, ApiClients.SupervisorKey, "lead-1");
        var supervisor = supervisorConsole.Page;
        await supervisorConsole.OpenConversationAsync("conv-override");
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
    private static async Task<AgentConsolePage> HeldAddressAsync(EndToEndScenario s, IBrowserContext context, string conversation)
    {
        await s.CustomerSaysAsync(conversation, "Hi, I am Jane Doe. What address do you have for me?");
        await s.Channel.WaitForAsync(a => a.Conversation.Id == conversation && a.Text?.Contains("email address or phone number on your account", StringComparison.Ordinal) == true);
        var console = await AgentConsolePage.SignInAsync(context);
        await console.OpenConversationAsync(conversation);
        await Assertions.Expect(console.Transcript).ToContainTextAsync("What address do you have for me?");

        await console.LinkAccountAsync(JaneEmail, "j***@e***.com", "acct-1001");
        await Assertions.Expect(console.Page.Locator("#search-results")).Not.ToContainTextAsync("jane.doe");

        await console.SendReplyAsync(AddressReply);
        await Assertions.Expect(console.ReplyResult).ToContainTextAsync("Held: not sent to the customer.");
        await Assertions.Expect(console.ReplyResult).ToContainTextAsync(AddressReason);
        await Assertions.Expect(console.HeldItems).ToHaveCountAsync(1);
        return console;
    }

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
}
