using Microsoft.Playwright;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium for a test fixture: Debian's <c>/usr/bin/chromium</c> driven by Playwright (no browser download;
/// <c>scripts/test.sh</c> installs the Debian package when it is missing). Each test opens a fresh context (no shared
/// cookies or storage) with a fixed viewport, so screenshots are stable; they go to <c>docs/screenshots/</c>, where the
/// README shows them.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A phone-sized viewport (CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A laptop-sized viewport (CSS pixels).</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1024, Height = 768 };

    /// <summary>The consoles' screenshot size (CSS pixels).</summary>
    public static readonly ViewportSize Wide = new() { Width = 1280, Height = 800 };

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where the browser tests write the screenshots the README shows.</summary>
    public static string ScreenshotFolder => Path.Combine(RepositoryRoot(), "docs", "screenshots");

    /// <summary>Starts Chromium; fails with what to install when it is missing.</summary>
    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get install -y chromium` (scripts/test.sh does it when it is missing).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
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

    /// <summary>A fresh context (no cookies, no storage) on <paramref name="baseAddress"/> at <see cref="Wide"/>, or <see cref="Phone"/> when <paramref name="phone"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool phone = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? Phone : Wide,
            Locale = "en-GB",
        });

    /// <summary>A page in a fresh context with <paramref name="viewport"/> (default: <see cref="Desktop"/>).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = viewport ?? Desktop, Locale = "en-US" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as <c>docs/screenshots/NAME.png</c>.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name + ".png") });
    }

    /// <summary>The path of a screenshot in the repository's <c>docs/screenshots/</c> (the folder is created).</summary>
    public static string ScreenshotPath(string fileName)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return Path.Combine(ScreenshotFolder, fileName);
    }

    /// <summary>The repository's root folder (the one holding SupportShield.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SupportShield.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SupportShield.sln) was not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
