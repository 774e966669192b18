using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

public sealed class DashboardTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    [BrowserFact]
    public async Task TheDashboardCountsAndFeedMoveAfterEventsArePosted()
    {
        await fixture.App.PostBatchAsync(Events.Batch(Events.Identify("dash-0"), Events.Order("dash-0", "o-1", 50)));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", TestKeys.Ops);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-live", "all");
        await page.WaitForFunctionAsync("() => /^\\d+$/.test(document.getElementById('total-customers').textContent)");
        var before = int.Parse(await page.Locator("#total-customers").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var newBefore = await CountOf(page, "lifecycle", "new");

        var customers = Enumerable.Range(1, 5).Select(i => $"dash-{i}").ToArray();
        await fixture.App.PostBatchAsync(Events.Batch([.. customers.SelectMany(c => new[] { Events.Identify(c), Events.Order(c, "o-1", 120) })]));

        await page.WaitForFunctionAsync($"() => Number(document.getElementById('total-customers').textContent.replace(/\\D/g, '')) >= {before + 5}");
        await page.WaitForFunctionAsync(
            $"() => Number(document.querySelector('[data-dimension=lifecycle] [data-class=new] .count')?.textContent ?? 0) >= {newBefore + 5}");
        // The feed shows the pushed changes, and filters to one dimension and class.
        await Assertions.Expect(page.Locator("#feed")).ToContainTextAsync("dash-3");
        await page.SelectOptionAsync("#feed-dimension", "lifecycle");
        await page.SelectOptionAsync("#feed-class", "new");
        await Assertions.Expect(page.Locator("#feed li[data-dimension]").First).ToBeVisibleAsync();
        Assert.All(await page.Locator("#feed li[data-dimension]").AllAsync(), async item =>
            Assert.Equal("lifecycle", await item.GetAttributeAsync("data-dimension")));
        await page.WaitForFunctionAsync("() => Number(document.getElementById('events-total').textContent.replace(/\\D/g, '')) >= 12");
    }

    private static async Task<int> CountOf(IPage page, string dimension, string cls)
    {
        var text = await page.EvaluateAsync<string?>(
            $"() => document.querySelector('[data-dimension={dimension}] [data-class=\"{cls}\"] .count')?.textContent ?? '0'");
        return int.Parse(text ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
