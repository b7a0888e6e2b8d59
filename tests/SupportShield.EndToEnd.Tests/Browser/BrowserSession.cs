using Microsoft.Playwright;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/test.sh) driven headless by Playwright. Playwright's own
/// browser download is never used. One per test fixture; each test opens its own context (fresh cookies and storage).
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where the browser tests write the screenshots the README shows.</summary>
    public static string ScreenshotFolder => Path.Combine(RepositoryRoot(), "docs", "screenshots");

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium); scripts/test.sh does this.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (no cookies, no storage) at a desktop size, or at phone width when <paramref name="phone"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool phone = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
        });

    /// <summary>Saves a screenshot of <paramref name="page"/> as <c>docs/screenshots/NAME.png</c>.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportShield.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SupportShield.sln was not found above " + AppContext.BaseDirectory);
    }
}
