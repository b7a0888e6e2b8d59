using Microsoft.Playwright;

namespace SupportShield.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium for a test fixture: Debian's <c>/usr/bin/chromium</c> driven by Playwright (no browser download;
/// <c>scripts/test.sh</c> installs the Debian package when it is missing). Pages get a fixed viewport, so screenshots are
/// stable; <see cref="ScreenshotPath"/> puts them in <c>docs/screenshots/</c>, where the README shows them.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A phone-sized viewport (CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A laptop-sized viewport (CSS pixels).</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1024, Height = 768 };

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

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

    /// <summary>A page in a fresh context (no shared storage) with <paramref name="viewport"/> (default: <see cref="Desktop"/>).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = viewport ?? Desktop, Locale = "en-US" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>The path of a screenshot in the repository's <c>docs/screenshots/</c> (the folder is created).</summary>
    public static string ScreenshotPath(string fileName)
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
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
