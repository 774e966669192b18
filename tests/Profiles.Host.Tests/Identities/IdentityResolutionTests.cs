using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Identities;

public sealed class IdentityResolutionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    private static JsonObject Anonymous(string anonymousId, string type, JsonObject fields, string? userId = null) =>
        Segment.Anonymous(anonymousId, type, fields, userId);

    private static JsonObject AnonymousPage(string anonymousId, string name) =>
        Anonymous(anonymousId, "page", new JsonObject { ["name"] = name, ["context"] = new JsonObject { ["sessionId"] = "s-1" } });

    private async Task<JsonObject> ProfileAsync(string id) => (await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(id)}"))!;

    private async Task SendAsync(params JsonObject[] calls)
    {
        var response = await _writer.PostBatchAsync(calls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousClickstreamBuildsAProspectProfileKeyedByTheAnonymousId()
    {
        var anonymous = $"anon-{Guid.NewGuid():N}";
        await SendAsync(AnonymousPage(anonymous, "Home"), AnonymousPage(anonymous, "Pricing"));

        var profile = await ProfileAsync(anonymous);

        Assert.Equal(anonymous, (string)profile["customerId"]!);
        Assert.Equal("prospect", (string)profile["lifecycle"]!);
        Assert.Equal(2, (int)profile["engagement"]!["pageViews"]!);
    }

    [Fact]
    public async Task ACallWithBothUserIdAndAnonymousIdMergesTheAnonymousProfileIntoTheCustomersOnce()
    {
        var anonymous = $"anon-{Guid.NewGuid():N}";
        var customer = $"user-{Guid.NewGuid():N}";
        await SendAsync(AnonymousPage(anonymous, "Home"), AnonymousPage(anonymous, "Pricing"),
            Anonymous(anonymous, "track", new JsonObject { ["event"] = "Order Completed", ["properties"] = new JsonObject { ["order_id"] = "o-a", ["revenue"] = 40 } }));
        var identify = Anonymous(anonymous, "identify", new JsonObject { ["traits"] = new JsonObject { ["email"] = "grace@example.com" } }, userId: customer);
        await SendAsync(identify.DeepClone().AsObject(), Segment.Order(customer, "o-u", 60m));

        // Sent again, as an SDK retries: nothing is merged or counted twice.
        await SendAsync(identify.DeepClone().AsObject());
        var profile = await ProfileAsync(customer);

        Assert.Equal(customer, (string)profile["customerId"]!);
        Assert.Equal(2, (int)profile["frequency"]!);
        Assert.Equal(100m, (decimal)profile["monetary"]!);
        Assert.Equal(2, (int)profile["engagement"]!["pageViews"]!);
        Assert.Equal(5, (int)profile["eventsApplied"]!);
        Assert.Equal("grace@example.com", (string)profile["traits"]!["email"]!);
        Assert.Contains(anonymous, profile["identities"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task TheCustomerIsFoundByTheAnonymousIdAndLaterAnonymousEventsReachIt()
    {
        var anonymous = $"anon-{Guid.NewGuid():N}";
        var customer = $"user-{Guid.NewGuid():N}";
        await SendAsync(AnonymousPage(anonymous, "Home"));
        await SendAsync(Anonymous(anonymous, "track", new JsonObject { ["event"] = "Signed Up" }, userId: customer));

        await SendAsync(AnonymousPage(anonymous, "Checkout"));
        var byAnonymousId = await ProfileAsync(anonymous);
        var byUserId = await ProfileAsync(customer);

        Assert.Equal(customer, (string)byAnonymousId["customerId"]!);
        Assert.Equal(2, (int)byUserId["engagement"]!["pageViews"]!);
        Assert.Equal(3, (int)byUserId["eventsApplied"]!);
    }

    [Fact]
    public async Task AnAliasMergesThePreviousIdIntoTheUserAndThePreviousIdFindsTheCustomer()
    {
        var previous = $"old-{Guid.NewGuid():N}";
        var customer = $"user-{Guid.NewGuid():N}";
        await SendAsync(Segment.Order(previous, "o-1", 25m), Segment.Page(previous, "Home"));

        var alias = new JsonObject { ["type"] = "alias", ["previousId"] = previous, ["userId"] = customer, ["messageId"] = Segment.NewId() };
        await SendAsync(alias);
        await SendAsync(Segment.Order(previous, "o-2", 75m));
        var profile = await ProfileAsync(previous);

        Assert.Equal(customer, (string)profile["customerId"]!);
        Assert.Equal(2, (int)profile["frequency"]!);
        Assert.Equal(100m, (decimal)profile["monetary"]!);
        Assert.Contains(previous, profile["identities"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task TwoRequestsMergingTheSameAnonymousIdAtOnceBothSucceedAndCountItsEventsOnce()
    {
        var anonymous = $"anon-{Guid.NewGuid():N}";
        var customer = $"user-{Guid.NewGuid():N}";
        await SendAsync(AnonymousPage(anonymous, "Home"),
            Anonymous(anonymous, "track", new JsonObject { ["event"] = "Order Completed", ["properties"] = new JsonObject { ["order_id"] = "o-a", ["revenue"] = 40 } }));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _writer.PostBatchAsync(
            Anonymous(anonymous, "page", new JsonObject { ["name"] = $"Account {i}" }, userId: customer))));
        var profile = await ProfileAsync(customer);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, (int)profile["frequency"]!);
        Assert.Equal(40m, (decimal)profile["monetary"]!);
        Assert.Equal(7, (int)profile["engagement"]!["pageViews"]!);
        Assert.Equal(8, (int)profile["eventsApplied"]!);
    }

    [Fact]
    public async Task AMergedAnonymousProfileNoLongerCountsAsACustomerOfItsOwn()
    {
        var anonymous = $"anon-{Guid.NewGuid():N}";
        var customer = $"user-{Guid.NewGuid():N}";
        await SendAsync(AnonymousPage(anonymous, "Home"));
        var ops = fixture.App.ApiClient(TestKeys.Ops);
        var statistics = fixture.App.Services.GetService(typeof(Profiles.Grains.Statistics.StatisticsAccumulator)) as Profiles.Grains.Statistics.StatisticsAccumulator;
        Assert.NotNull(statistics);
        await statistics.FlushAsync();
        var before = (int)(await ops.GetFromJsonAsync<JsonObject>("/api/stats/classes"))!["customers"]!;

        await SendAsync(Anonymous(anonymous, "page", new JsonObject { ["name"] = "Account" }, userId: customer));
        await statistics.FlushAsync();
        var after = (int)(await ops.GetFromJsonAsync<JsonObject>("/api/stats/classes"))!["customers"]!;

        // The customer came in and the anonymous visitor went out.
        Assert.Equal(before, after);
    }
}
