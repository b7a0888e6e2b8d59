using Microsoft.Playwright;
using SupportShield.EndToEnd.Tests.Support;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>Signing in to the consoles in a real browser, with the keyboard alone.</summary>
[NonParallelizable]
public sealed class ConsoleSignInBrowserTests
{
    private const string OpsKey = "e2e-ops-key";
    private BrowserSession _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => _browser = await BrowserSession.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await _browser.DisposeAsync();

    [TestCase("/agent/", BotHost.AgentKey, "Signed in as agent", false)]
    [TestCase("/ops/", OpsKey, "Signed in as ops", true)]
    public async Task SignIn_WithKeyboardAlone_KeepsTheKeyOutOfThePageAndStorage(string path, string key, string signedIn, bool phone)
    {
        await using var s = await EndToEndScenario.StartAsync(settings => settings["SupportShield:Ops:ApiKeys:0"] = OpsKey);
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress, phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);
        var keyField = page.GetByLabel(path == "/ops/" ? "Ops key" : "Agent or supervisor key");
        await Assertions.Expect(keyField).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText(signedIn)).ToBeVisibleAsync();

        var script = await page.EvaluateAsync<string>("() => document.cookie + '|' + localStorage.length + '|' + sessionStorage.length");
        Assert.That(script, Is.EqualTo("|0|0"), "the session cookie is HttpOnly and nothing is kept in browser storage");
        Assert.That(page.Url, Does.Not.Contain(key));
        Assert.That(await keyField.InputValueAsync(), Is.Empty);
    }

    [Test]
    public async Task SignIn_WithWrongKey_SaysSoInTheStatusRegion()
    {
        await using var s = await EndToEndScenario.StartAsync();
        await using var context = await _browser.NewContextAsync(s.Host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/agent/");
        await page.GetByLabel("Agent or supervisor key").FillAsync("wrong-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("That key is not valid.");
    }
}
