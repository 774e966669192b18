using Microsoft.Playwright;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>One host and one headless Chromium shared by the tests of a class; each test opens its own browser context.</summary>
public class PagesFixture : IAsyncLifetime
{
    public PagesFixture()
        : this(null)
    {
    }

    protected PagesFixture(IDictionary<string, string?>? settings) => App = new BrowserApp(settings);

    private IPlaywright? _playwright;

    public BrowserApp App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled) return;
        _ = App.BaseAddress;
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh page (own cookies and sessionStorage) on the host.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
