using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

public sealed class AgentViewTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    [BrowserFact]
    public async Task TheAgentViewShowsATierChangePushedLiveWithoutAReload()
    {
        await fixture.App.PostBatchAsync(Events.Batch(
            Events.Identify("live-ada"), Events.Order("live-ada", "o-1", 240, daysAgo: 3), Events.Survey("live-ada", "s-1", csat: 5, nps: 10)));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");
        await page.FillAsync("#customer-id", "live-ada");
        await page.ClickAsync("#lookup button[type=submit]");

        await Assertions.Expect(page.Locator("[data-field='class:nps']")).ToHaveTextAsync("promoter");
        await Assertions.Expect(page.Locator("#profile")).ToContainTextAsync("Survey Responded");
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-live", "live-ada");
        await page.EvaluateAsync("() => { window.__sameDocument = 42; }");

        await fixture.App.PostBatchAsync(Events.Batch(Events.Survey("live-ada", "s-2", csat: 1, nps: 0)));

        var nps = page.Locator("[data-field='class:nps']");
        await Assertions.Expect(nps).ToHaveTextAsync("detractor", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(nps).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        await Assertions.Expect(page.Locator("[data-field='event:s-2']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("agent-live-change.png"), FullPage = true });
    }
}
