using Microsoft.Playwright;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>Debian's Chromium (<c>apt-get install chromium</c>), driven by Playwright; Playwright's own browser download is never used.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Starts headless Chromium; Playwright gives each launch a fresh, empty user data directory of its own.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No background traffic: this machine's network is closed, and tests must not depend on it.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser);
    }
}
