using System.Globalization;
using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

public sealed class ModelsPanelTests(ModelsFixture fixture) : IClassFixture<ModelsFixture>
{
    [BrowserFact]
    public async Task TheDashboardShowsTheFittedModelsClustersWithTheirCentresAndSizes()
    {
        var models = await fixture.FittedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", TestKeys.Ops);
        await page.ClickAsync("#signin button[type=submit]");

        // The panel follows /api/stats/models: its clusters are the rows, each with its name, size and centre.
        var version = models["version"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('models').dataset.version) >= {version}");
        models = await fixture.WaitForModelsAsync(_ => true);
        var centroids = models["clusters"]!["centroids"]!.AsArray();
        await Assertions.Expect(page.Locator("#clusters tbody tr")).ToHaveCountAsync(centroids.Count);
        foreach (var centroid in centroids)
        {
            var row = page.Locator($"#clusters tbody tr[data-cluster=\"{centroid!["name"]!.GetValue<string>()}\"]");
            await Assertions.Expect(row).ToContainTextAsync(centroid["customers"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(row).ToContainTextAsync(Math.Round(centroid["center"]!["recency"]!.GetValue<double>()).ToString(CultureInfo.InvariantCulture));
        }
        await Assertions.Expect(page.Locator("#models-summary")).ToContainTextAsync("BG/NBD r ");
        await Assertions.Expect(page.Locator("#models-summary")).ToContainTextAsync("Gamma-Gamma p ");
        await Assertions.Expect(page.Locator("#models-summary")).ToContainTextAsync($"{ModelsFixture.Customers} customers who bought");
        await page.Locator("#models").ScreenshotAsync(new LocatorScreenshotOptions { Path = Screenshots.PathOf("dashboard-models.png") });
    }

    [BrowserFact]
    public async Task TheAgentViewShowsACustomersPredictionsAndChurnRisk()
    {
        await fixture.FittedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/agent?customer=regular-0");
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");

        await Assertions.Expect(page.Locator("[data-field=pAlive]")).ToContainTextAsync("%");
        await Assertions.Expect(page.Locator("[data-field=expectedPurchases]")).ToContainTextAsync("in 30 days");
        await Assertions.Expect(page.Locator("[data-field=clv]")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator(".badge[data-class-dimension=churnRisk]")).ToHaveAttributeAsync("data-value", "low");
        await Assertions.Expect(page.Locator("[data-field=\"classrow:cluster\"]")).ToContainTextAsync("nearest of");
    }
}
