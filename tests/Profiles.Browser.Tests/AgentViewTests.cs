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

    [BrowserFact]
    public async Task AnAgentFindsACustomerByEmailAndChoosesAmongSeveralClaimants()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string grace = $"grace-{run}", twin = $"twin-{run}";
        await fixture.App.PostBatchAsync(Events.Batch(Events.Identify(grace), Events.Order(grace, "o-1", 90, daysAgo: 1)));
        await fixture.App.PostBatchAsync(Events.Batch(
            new { type = "identify", userId = twin, traits = new { email = $"{grace}@example.com" } }));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");

        // Two customers claim the address: the agent is shown both and picks one; the page never picks for them.
        await page.FillAsync("#customer-id", $"{grace}@example.com");
        await page.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(page.Locator("#lookup-status")).ToContainTextAsync("2 customers claim");
        await Assertions.Expect(page.Locator("#profile")).ToBeHiddenAsync();
        await page.ClickAsync($"[data-candidate='{grace}']");
        await Assertions.Expect(page.Locator("[data-field='customerId']")).ToHaveTextAsync(grace);
    }

    [BrowserFact]
    public async Task AnAgentSeesALinkThatWasRefusedBecauseItNamedAnotherKnownCustomer()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string ada = $"ada-{run}", mallory = $"mallory-{run}";
        await fixture.App.PostBatchAsync(Events.Batch(Events.Order(ada, "o-1", 250, daysAgo: 2)));
        // Mallory's call names Ada's user id as its anonymous id: refused, Ada stays Ada's.
        await fixture.App.PostBatchAsync(Events.Batch(
            new { type = "track", userId = mallory, anonymousId = ada, @event = "Product Viewed", messageId = Guid.NewGuid().ToString("N") }));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");

        await page.FillAsync("#customer-id", mallory);
        await page.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(page.Locator("[data-field='customerId']")).ToHaveTextAsync(mallory);
        await Assertions.Expect(page.Locator("[data-field='refusedIdentities']")).ToContainTextAsync(ada);
        await Assertions.Expect(page.Locator("#profile")).Not.ToContainTextAsync("also known as");
    }
}
