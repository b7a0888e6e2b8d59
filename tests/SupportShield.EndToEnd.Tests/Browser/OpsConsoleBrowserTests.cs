using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SupportShield.Detection.Rules;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>The ops console in a real browser: a rule error shown by line, fixed and saved, the test box, the dry run and the counters.</summary>
[NonParallelizable]
public sealed class OpsConsoleBrowserTests
{
    private const string EmailOn = "  EMAIL: { enabled: true }";
    private const string AgentEmail = "Sure, I have written to jane.doe@example.com for you.";
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => _browser = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await _browser.DisposeAsync();

    [Test]
    public async Task Ops_FixesARuleError_DryRunsIt_SavesIt_AndTheTestBoxShowsTheNewDecision()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await SignInAsync(page);
        var editor = page.GetByLabel("Rules file (YAML)");
        await Assertions.Expect(editor).ToHaveValueAsync(RulesLoader.DefaultYaml);
        var emailLine = RulesLoader.DefaultYaml.Split('\n').ToList().FindIndex(l => l == EmailOn) + 1;

        // A mistake: a misspelt key. Validate shows it by line and puts the cursor there.
        await editor.FillAsync(RulesLoader.DefaultYaml.Replace(EmailOn, "  EMAIL: { enabled: false, treshold: 0.7 }", StringComparison.Ordinal));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Validate" }));
        var error = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Line {emailLine}, column \\d+: .*treshold") });
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(editor).ToBeFocusedAsync();
        var cursorLine = await editor.EvaluateAsync<int>("t => t.value.slice(0, t.selectionStart).split('\\n').length");
        Assert.That(cursorLine, Is.EqualTo(emailLine));
        await Assertions.Expect(page.Locator("#rules-editor-status")).ToContainTextAsync($"line {emailLine}");
        await page.EvaluateAsync("() => document.getElementById('editor-heading').scrollIntoView({ block: 'start' })");
        await BrowserSession.SaveScreenshotAsync(page, "ops-console");

        // Fixed: EMAIL turned off.
        var fixedRules = RulesLoader.DefaultYaml.Replace(EmailOn, "  EMAIL: { enabled: false }", StringComparison.Ordinal);
        await editor.FillAsync(fixedRules);
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Validate" }));
        await Assertions.Expect(page.Locator("#rules-editor-status")).ToContainTextAsync("The rules are valid");
        await Assertions.Expect(page.Locator("#rules-editor-status")).ToContainTextAsync("types off: EMAIL");
        await Assertions.Expect(error).ToHaveCountAsync(0);

        // Dry run of the editor's rules over a corpus: the email message is no longer held.
        var corpus = string.Join('\n',
            JsonSerializer.Serialize(new { id = "m1", text = AgentEmail, role = "agent" }),
            JsonSerializer.Serialize(new { id = "m2", text = "Your parcel is on its way.", role = "agent" }));
        await page.GetByLabel("Corpus file").SetInputFilesAsync(new FilePayload { Name = "corpus.jsonl", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(corpus) });
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Run dry run" }));
        await Assertions.Expect(page.Locator("#dry-status")).ToContainTextAsync("1 of 2 messages change (0 newly held, 1 newly released)");
        var changes = page.GetByRole(AriaRole.Region, new() { Name = "Messages whose decision changes" });
        await Assertions.Expect(changes).ToContainTextAsync("m1");
        await Assertions.Expect(changes).ToContainTextAsync("hold (EMAIL)");
        await Assertions.Expect(changes).ToContainTextAsync("<EMAIL>");
        await Assertions.Expect(changes).Not.ToContainTextAsync("jane");

        // The test box, against the rules in force: held.
        await page.GetByLabel("Message to test").FillAsync(AgentEmail);
        await page.GetByLabel("Written by").SelectOptionAsync("agent");
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Explain" }));
        await Assertions.Expect(page.Locator("#test-status")).ToHaveTextAsync("Decision: hold (EMAIL).");
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("•••@");

        // Save, then the same message is allowed.
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and apply" }));
        await Assertions.Expect(page.Locator("#rules-editor-status")).ToContainTextAsync("and in force");
        await Assertions.Expect(page.Locator("#rules-status")).ToContainTextAsync(Path.Combine(s.Folder, "rules.yaml"));
        await PressAsync(page.GetByRole(AriaRole.Button, new() { Name = "Explain" }));
        await Assertions.Expect(page.Locator("#test-status")).ToHaveTextAsync("Decision: allow.");
        Assert.That(page.Url, Does.Not.Contain("jane"));
        Assert.That(await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"), Is.EqualTo(0));
    }

    [Test]
    public async Task Ops_AtPhoneWidth_SeesTheHeldMessageInTheCountersAndTheAudit_WithTheKeyboardAlone()
    {
        await using var s = await EndToEndScenario.StartAsync(ApiClients.Configure);
        const string conversation = "conv-ops-phone";
        await s.CustomerSaysAsync(conversation, "Hello, where is my parcel?");
        (await s.Host.LinkAsync(conversation, "acct-1001")).Dispose();
        var sent = await s.Host.SendAgentMessageAsync(conversation, "We ship to 742 Evergreen Terrace.");
        Assert.That(sent.GetProperty("status").GetString(), Is.EqualTo("held"));
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress, phone: true);
        var page = await context.NewPageAsync();

        await SignInAsync(page);
        var counters = page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Counters from") });
        await Assertions.Expect(counters.GetByRole(AriaRole.Row, new() { Name = "Messages held 1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#counters-status")).ToContainTextAsync("1 held");

        await page.GetByLabel("Conversation id").FocusAsync();
        await page.Keyboard.TypeAsync(conversation);
        await page.Keyboard.PressAsync("Enter");
        var audit = page.GetByRole(AriaRole.Region, new() { Name = "Audit events, newest first" });
        await Assertions.Expect(audit).ToContainTextAsync("held");
        await Assertions.Expect(audit).Not.ToContainTextAsync("Evergreen");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.That(overflow, Is.False, "nothing is wider than the phone's screen");
        Assert.That(await page.Locator("main").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.GetByRole(AriaRole.Navigation).CountAsync(), Is.EqualTo(1));
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/ops/");
        var key = page.GetByLabel("Ops key");
        await Assertions.Expect(key).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(ApiClients.OpsKey);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Signed in as ops")).ToBeVisibleAsync();
    }

    /// <summary>Activates a control from the keyboard: focus, then Enter.</summary>
    private static async Task PressAsync(ILocator control)
    {
        await control.FocusAsync();
        await control.PressAsync("Enter");
    }
}
