using System.Collections.Concurrent;
using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

/// <summary>
/// <c>http://host/</c> says what the service is and leads to every page: the dashboard, the agent view, the API reference,
/// health and (with an admin key) the Orleans dashboard; no page asks for anything the service answers 404 to, favicon
/// included.
/// </summary>
public sealed class LandingPageTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    [BrowserFact]
    public async Task TheLandingPageLinksToEveryPageAndNoPageRequestAnswers404()
    {
        var page = await fixture.NewPageAsync();
        var failed = Watch(page);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Profiles");
        foreach (var (link, target) in new[] { ("Live dashboard", "/dashboard"), ("Agent view", "/agent"), ("API reference", "/api-reference/"), ("Health", "/health/ready") })
            await Assertions.Expect(page.Locator($"main a.card:has-text('{link}')")).ToHaveAttributeAsync("href", target);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("landing.png") });

        foreach (var path in new[] { "/dashboard", "/agent", "/api-reference/" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // Every page names its icon; the one browsers ask for by themselves is there too.
        var icon = await page.Context.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.True(failed.IsEmpty, "Requests that failed: " + string.Join(", ", failed));
    }

    [BrowserFact]
    public async Task TheApiReferencePageShowsTheEndpointsOfTheOpenApiDocument()
    {
        var page = await fixture.NewPageAsync();
        var failed = Watch(page);

        await page.GotoAsync("/api-reference/");

        // The title from the document, the first operation of it, and a section per tag.
        await Assertions.Expect(page.GetByText("/v1/batch").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("api-reference.png") });
        foreach (var tag in new[] { "Ingest", "Customers", "Statistics" })
            await Assertions.Expect(page.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();
        Assert.True(failed.IsEmpty, "Requests that failed: " + string.Join(", ", failed));
    }

    [BrowserFact]
    public async Task AnAdminKeyOpensTheOrleansDashboardFromTheLandingPageAndAnOpsKeyIsTurnedAway()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        // The form is the script's once it says so; a click before would submit the bare form.
        await Assertions.Expect(page.Locator("#orleans[data-ready=true]")).ToBeAttachedAsync();
        await page.FillAsync("#orleans-key", TestKeys.Ops);
        await page.ClickAsync("#orleans button[type=submit]");
        await Assertions.Expect(page.Locator("#orleans-message")).ToContainTextAsync("admin role");

        await page.FillAsync("#orleans-key", TestKeys.Admin);
        var opened = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#orleans button[type=submit]"), r => r.Url.EndsWith("/api/session/orleans", StringComparison.Ordinal));
        Assert.Equal(204, opened.Status);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "profiles-orleans-key");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/orleans", cookie.Path);
        // Where the page then goes (itself, meanwhile): the dashboard answers this browser, the cookie in place of a bearer key.
        var tab = await page.Context.NewPageAsync();
        var dashboard = await tab.GotoAsync("/orleans/");
        Assert.Equal(200, dashboard!.Status);
        var version = await page.Context.APIRequest.GetAsync("/orleans/version");
        Assert.Equal(200, version.Status);
        // The cookie goes only to the dashboard's paths: it is no key for the profile API.
        var profile = await page.Context.APIRequest.GetAsync("/api/stats/classes");
        Assert.Equal(401, profile.Status);
    }

    /// <summary>Every request of the page that the service answered 4xx or 5xx (with <paramref name="all"/>: every answer), or that failed outright.</summary>
    private static ConcurrentQueue<string> Watch(IPage page, bool all = false)
    {
        var failed = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (all || response.Status >= 400) failed.Enqueue($"{response.Status} {response.Url}");
        };
        page.RequestFailed += (_, request) => failed.Enqueue($"failed {request.Url}");
        return failed;
    }
}
