using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

public sealed class DemoTrafficTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    [BrowserFact]
    public async Task TheDemoTrafficFillsEveryLifecycleClassAndKeepsTheDashboardMoving()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.FillAsync("#api-key", TestKeys.Ops);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");

        // Seeded customers land in every lifecycle stage, and the live stream keeps events and tier changes flowing.
        foreach (var stage in new[] { "prospect", "new", "active", "dormant", "churned" })
        {
            await page.WaitForFunctionAsync(
                $"() => Number(document.querySelector('[data-dimension=lifecycle] [data-class=\"{stage}\"] .count')?.textContent ?? 0) > 0",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }
        await page.WaitForFunctionAsync("() => Number(document.getElementById('events-rate').textContent) > 0");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#feed li[data-dimension]').length >= 10");
        await page.WaitForTimeoutAsync(1500); // let the charts' animation settle for the picture
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("dashboard.png") });

        var agent = await fixture.NewPageAsync();
        await agent.GotoAsync("/agent?customer=demo-00008");
        await agent.FillAsync("#api-key", TestKeys.Agent);
        await agent.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(agent.Locator("[data-field=customerId]")).ToHaveTextAsync("demo-00008");
        await agent.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("agent.png"), FullPage = true });
    }
}
