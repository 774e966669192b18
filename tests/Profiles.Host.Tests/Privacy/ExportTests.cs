using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Privacy;

public sealed class ExportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly ProfilesApp _app = fixture.App;
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _admin = fixture.App.ApiClient(TestKeys.Admin);

    private static string Path(string id) => $"/api/customers/{Uri.EscapeDataString(id)}/export";

    [Fact]
    public async Task TheExportHoldsEverythingStoredAboutTheCustomerAsAJsonAttachment()
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        var c = linked.Customer;
        var sent = await _writer.PostBatchAsync(
            Segment.Track(c, "Order Refunded", new JsonObject { ["order_id"] = "o-1", ["total"] = 20 }, messageId: "refund-1"),
            Segment.Track(c, "Ticket Opened", new JsonObject { ["ticket_id"] = "t-1" }),
            Segment.Survey(c, csat: 4, nps: 9, messageId: "survey-1"),
            Segment.Track(c, "Feedback Submitted", new JsonObject { ["sentiment"] = "positive" }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var response = await _admin.GetAsync(Path(c));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"customer-{c}-export.json", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var export = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(c, (string)export["customerId"]!);

        var profile = export["profile"]!;
        Assert.Equal(120m, (decimal)profile["orders"]!["o-1"]!["revenue"]!);
        Assert.Equal(20m, (decimal)profile["orders"]!["o-1"]!["refunded"]!);
        Assert.Equal(linked.Email, (string)profile["traits"]!["email"]!["value"]!);
        Assert.NotNull(profile["satisfaction"]!["tickets"]!["t-1"]!["openedAt"]);
        Assert.Equal(4, (int)profile["satisfaction"]!["latestCsat"]!["value"]!);
        Assert.Equal("Positive", (string)profile["satisfaction"]!["latestSentiment"]!["value"]!);
        var window = profile["appliedMessages"]!["ids"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Contains("refund-1", window);
        Assert.Contains("survey-1", window);
        Assert.NotNull(profile["reportedContribution"]!["classes"]!["lifecycle"]);
        Assert.NotNull(profile["scheduledCheck"]);
        Assert.Contains(linked.Anonymous, profile["mergedFrom"]!.AsArray().Select(i => (string)i!));
        Assert.Contains(linked.Alias, profile["identities"]!.AsArray().Select(i => (string)i!));
        Assert.Contains(linked.Email.ToLowerInvariant(), profile["emailAddresses"]!.AsArray().Select(i => (string)i!));

        // The classes with their reasons, as GET /api/customers/{id} shows them.
        var read = (await _app.ApiClient(TestKeys.Agent).GetFromJsonAsync<JsonObject>($"/api/customers/{c}"))!;
        Assert.Equal((string)read["classes"]!["lifecycle"]!["reason"]!, (string)export["view"]!["classes"]!["lifecycle"]!["reason"]!);
        Assert.Equal((string)read["satisfaction"]!, (string)export["view"]!["satisfaction"]!);

        var identities = export["identities"]!.AsArray().ToDictionary(i => (string)i!["identity"]!);
        Assert.Equal([linked.Anonymous, linked.Alias], identities.Keys.Order(StringComparer.Ordinal));
        foreach (var identity in identities.Values)
        {
            Assert.Equal(c, (string)identity!["resolvesTo"]!);
            Assert.True((bool)identity["merged"]!);
            Assert.Equal(c, (string)identity["mergedProfile"]!["mergedInto"]!);
        }
        Assert.Equal(1, (int)identities[linked.Anonymous]!["mergedProfile"]!["engagement"]!["pageViews"]!);

        var email = Assert.Single(export["emailDirectory"]!.AsArray())!;
        Assert.Equal(linked.Email.ToLowerInvariant(), (string)email["address"]!);
        Assert.Equal(c, (string)email["customerId"]!);
    }

    [Fact]
    public async Task AnyIdentityOfTheCustomerExportsTheSameCustomerAndAnUnknownIdIs404()
    {
        var linked = await LinkedCustomer.CreateAsync(_writer);
        foreach (var id in linked.AllIds)
        {
            var export = await _admin.GetFromJsonAsync<JsonObject>(Path(id));
            Assert.Equal(linked.Customer, (string)export!["customerId"]!);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync(Path($"nobody-{Guid.NewGuid():N}"))).StatusCode);
    }
}
