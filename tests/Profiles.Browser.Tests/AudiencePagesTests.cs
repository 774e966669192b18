using System.Text.Json;
using Microsoft.Playwright;
using Profiles.Browser.Tests.Infrastructure;

namespace Profiles.Browser.Tests;

/// <summary>The pages of audiences: a class's bar on the dashboard opens its member list, and the segments page defines them.</summary>
public sealed class AudiencePagesTests(PagesFixture fixture) : IClassFixture<PagesFixture>
{
    private static async Task SignInAsync(IPage page, string path, string key)
    {
        await page.GotoAsync(path);
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#app")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task ClickingAClassBarOpensItsMembersAPageAtATimeEachALinkToTheAgentView()
    {
        var customers = Enumerable.Range(0, 40).Select(i => $"whale-{i:D2}").ToList();
        await fixture.App.PostBatchAsync(Events.Batch([.. customers.SelectMany(c => new[] { Events.Identify(c), Events.Order(c, "o-1", 2500) })]));
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/dashboard", TestKeys.Ops);
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-dimension=value] [data-class=\"A\"] .count')?.textContent ?? 0) >= 40");

        // The bar of class A in the value chart, where the chart drew it.
        var bar = await page.EvaluateAsync<JsonElement>(@"() => {
            const canvas = document.querySelector('[data-dimension=value] canvas');
            const chart = Chart.getChart(canvas);
            const element = chart.getDatasetMeta(0).data[chart.data.labels.indexOf('A')];
            const box = canvas.getBoundingClientRect();
            return { x: box.left + (element.x + element.base) / 2, y: box.top + element.y };
        }");
        await page.Mouse.ClickAsync(bar.GetProperty("x").GetSingle(), bar.GetProperty("y").GetSingle());

        var panel = page.Locator("dialog#members");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".members-title")).ToHaveTextAsync("value · A");
        await Assertions.Expect(panel.Locator(".members-status")).ToContainTextAsync("40 customers · page 1 of 2");
        await Assertions.Expect(panel.Locator("tbody tr")).ToHaveCountAsync(25);
        await Assertions.Expect(panel.Locator("thead")).ToContainTextAsync("email");
        var first = await RowsAsync(panel);
        await Assertions.Expect(panel.Locator($"tr[data-customer='{first[0]}']")).ToContainTextAsync($"{first[0]}@example.com");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("audience-members.png") });

        await panel.Locator("[data-action=next]").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-page", "2");
        await Assertions.Expect(panel.Locator("tbody tr")).ToHaveCountAsync(15);
        await Assertions.Expect(panel.Locator("[data-action=next]")).ToBeDisabledAsync();
        var second = await RowsAsync(panel);
        Assert.Equal(customers.ToHashSet(), first.Concat(second).ToHashSet());
        await panel.Locator("[data-action=previous]").ClickAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-page", "1");
        Assert.Equal(first, await RowsAsync(panel));

        // Each member opens the agent view of that customer.
        var link = panel.Locator($"tr[data-customer='{first[3]}'] a");
        Assert.Equal($"/agent?customer={first[3]}", await link.GetAttributeAsync("href"));
        var agent = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await agent.WaitForURLAsync($"**/agent?customer={first[3]}");
    }

    private static async Task<List<string>> RowsAsync(ILocator panel) =>
        [.. (await panel.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.customer)"))];

    [BrowserFact]
    public async Task TheSegmentsPageDefinesRedefinesAndRemovesASegmentShowingItsBackfillAndABadConditionsPosition()
    {
        var customers = Enumerable.Range(0, 30).Select(i => (Id: $"spender-{i:D2}", Revenue: 10 * (i + 1))).ToList();
        // Their plan tells them apart from other tests' customers; spending under 1,000 each, none of them is in value
        // class A, whose members the other test of this host lists, whichever runs first.
        await fixture.App.PostBatchAsync(Events.Batch([.. customers.SelectMany(c => new object[]
        {
            Events.Order(c.Id, "o-1", c.Revenue), new { type = "identify", userId = c.Id, traits = new { plan = "spender" } },
        })]));
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, "/segments", TestKeys.Admin);

        // A typo in a field: refused, with a caret under where the service says the problem is.
        await page.FillAsync("#segment-name", "big-spenders");
        await page.FillAsync("#segment-condition", "monetary >= 200 and lifecyle = 'new' and traits.plan = 'spender'");
        await page.ClickAsync("#segment-save");
        await Assertions.Expect(page.Locator("#segment-message")).ToContainTextAsync("position 21: unknown field 'lifecyle'");
        await Assertions.Expect(page.Locator("#segment-caret")).ToBeVisibleAsync();

        await page.FillAsync("#segment-condition", "monetary >= 200 and lifecycle = 'new' and traits.plan = 'spender'");
        await page.ClickAsync("#segment-save");
        var row = page.Locator("tr[data-segment='big-spenders']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".progress")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(row.Locator("[data-members]")).ToHaveTextAsync(customers.Count(c => c.Revenue >= 200).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("segments.png") });

        // Its members, from the count.
        await row.Locator("[data-members]").ClickAsync();
        var panel = page.Locator("dialog#members");
        await Assertions.Expect(panel.Locator(".members-title")).ToHaveTextAsync("segment:big-spenders · member");
        await Assertions.Expect(panel.Locator("tbody tr")).ToHaveCountAsync(customers.Count(c => c.Revenue >= 200));
        await panel.Locator("[data-action=close]").ClickAsync();

        // Redefined: every customer evaluated again.
        await row.Locator("[data-action=edit]").ClickAsync();
        await Assertions.Expect(page.Locator("#segment-name")).ToHaveValueAsync("big-spenders");
        await page.FillAsync("#segment-condition", "monetary >= 100 and traits.plan = 'spender'");
        await page.ClickAsync("#segment-save");
        await Assertions.Expect(row.Locator("code")).ToHaveTextAsync("monetary >= 100 and traits.plan = 'spender'");
        await Assertions.Expect(row.Locator("[data-members]")).ToHaveTextAsync(customers.Count(c => c.Revenue >= 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator(".progress")).ToHaveAttributeAsync("data-done", "true");

        // The dashboard shows it with its progress, for ops.
        var dashboard = await fixture.NewPageAsync();
        await SignInAsync(dashboard, "/dashboard", TestKeys.Ops);
        await Assertions.Expect(dashboard.Locator("#segment-progress li[data-segment='big-spenders']")).ToHaveAttributeAsync("data-done", "true");
        // Ops read the segments page but cannot define.
        var ops = await fixture.NewPageAsync();
        await SignInAsync(ops, "/segments", TestKeys.Ops);
        await Assertions.Expect(ops.Locator("tr[data-segment='big-spenders']")).ToBeVisibleAsync();
        await Assertions.Expect(ops.Locator("#editor")).ToBeHiddenAsync();
        await Assertions.Expect(ops.Locator("#read-only")).ToBeVisibleAsync();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.Locator("[data-action=delete]").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }
}
