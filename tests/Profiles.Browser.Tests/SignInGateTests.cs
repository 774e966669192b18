using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

public sealed class SignInGateTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    [BrowserFact]
    public async Task TheAgentPageShowsNoProfileBeforeAKeyAndExplainsAWrongKeyOrRole()
    {
        await fixture.App.PostBatchAsync(Events.Batch(Events.Identify("gate-ada"), Events.Order("gate-ada", "o-1", 80)));
        var page = await fixture.NewPageAsync();
        var dataRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/customers", StringComparison.Ordinal) || request.Url.Contains("/hubs/", StringComparison.Ordinal))
                dataRequests.Add(request.Url);
        };

        // The customer is even named in the address: still nothing of it may show or be fetched before sign-in.
        await page.GotoAsync("/agent?customer=gate-ada");
        await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync();
        Assert.Equal("password", await page.Locator("#api-key").GetAttributeAsync("type"));
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.DoesNotContain("gate-ada", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("not known");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();

        await page.FillAsync("#api-key", TestKeys.Ops);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("agent");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.Empty(dataRequests);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('profiles.apiKey')"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("signin.png") });

        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("[data-field=customerId]")).ToHaveTextAsync("gate-ada");
    }

    [BrowserFact]
    public async Task TheDashboardRefusesAnAgentKeyWithAMessage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        await page.FillAsync("#api-key", TestKeys.Agent);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("ops");
        await Assertions.Expect(page.Locator("#app")).ToBeHiddenAsync();
        Assert.Equal("—", await page.Locator("#total-customers").TextContentAsync());
    }
}
