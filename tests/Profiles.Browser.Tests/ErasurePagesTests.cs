using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

/// <summary>A customer erased while the pages show it: both are told by the pushed ProfileRemoved, without a reload.</summary>
public sealed class ErasurePagesTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    [BrowserFact]
    public async Task TheAgentViewSaysTheProfileWasErasedAndShowsNothingOfIt()
    {
        await fixture.App.PostBatchAsync(Events.Batch(Events.Identify("erased-ada"), Events.Order("erased-ada", "o-1", 240, daysAgo: 3)));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");
        await page.FillAsync("#customer-id", "erased-ada");
        await page.ClickAsync("#lookup button[type=submit]");
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-live", "erased-ada");
        await Assertions.Expect(page.Locator("#profile")).ToContainTextAsync("Order Completed");

        await fixture.App.EraseAsync("erased-ada");

        await Assertions.Expect(page.Locator("[data-erased='erased-ada']")).ToContainTextAsync("profile was erased");
        await Assertions.Expect(page.Locator("#profile")).Not.ToContainTextAsync("Order Completed");
    }

    [BrowserFact]
    public async Task TheDashboardTakesAnErasedCustomerOutOfItsFeed()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", TestKeys.Ops);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-live", "all");
        await fixture.App.PostBatchAsync(Events.Batch(Events.Identify("erased-dash"), Events.Order("erased-dash", "o-1", 120)));
        await Assertions.Expect(page.Locator("#feed")).ToContainTextAsync("erased-dash");

        await fixture.App.EraseAsync("erased-dash");

        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-last-removed", "erased-dash");
        await Assertions.Expect(page.Locator("#feed")).Not.ToContainTextAsync("erased-dash");
    }
}
