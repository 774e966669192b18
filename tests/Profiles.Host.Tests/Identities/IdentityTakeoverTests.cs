using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Profiles.Host.Tests.Infrastructure;

namespace Profiles.Host.Tests.Identities;

/// <summary>
/// A write key is public: whoever holds it must not take a known customer over by naming it as an anonymous id, nor
/// catch a future customer's events by claiming its id early. Driven through the public API as an attacker would.
/// </summary>
public sealed class IdentityTakeoverTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _writer = fixture.App.WriteClient();
    private readonly HttpClient _agent = fixture.App.ApiClient(TestKeys.Agent);

    [Fact]
    public async Task AnAnonymousIdNamingAKnownCustomerIsRefusedAndTheCustomerKeepsItsProfile()
    {
        var ada = $"ada-{Guid.NewGuid():N}";
        var mallory = $"mallory-{Guid.NewGuid():N}";
        await SendAsync(Segment.Order(ada, "o-1", 250m), Segment.Identify(ada, new JsonObject { ["email"] = $"{ada}@example.com" }));

        // Mallory's call names Ada's user id as its anonymous id.
        await SendAsync(Segment.Anonymous(ada, "track", new JsonObject { ["event"] = "Product Viewed" }, userId: mallory));

        var adaProfile = await ProfileAsync(ada);
        Assert.Equal(ada, (string)adaProfile["customerId"]!);
        Assert.Equal(1, (int)adaProfile["frequency"]!);
        Assert.Equal(250m, (decimal)adaProfile["monetary"]!);
        Assert.Equal($"{ada}@example.com", (string)adaProfile["traits"]!["email"]!);

        // The event is kept for mallory, who does not get Ada's orders, and shows the refused link.
        var malloryProfile = await ProfileAsync(mallory);
        Assert.Equal(mallory, (string)malloryProfile["customerId"]!);
        Assert.Equal(0, (int)malloryProfile["frequency"]!);
        Assert.Equal(1, (long)malloryProfile["eventsApplied"]!);
        Assert.DoesNotContain(ada, Strings(malloryProfile["identities"]));
        Assert.Contains(ada, Strings(malloryProfile["refusedIdentities"]));

        // Ada's next events still reach Ada, and the refusal is counted.
        await SendAsync(Segment.Order(ada, "o-2", 50m));
        Assert.Equal(2, (int)(await ProfileAsync(ada))["frequency"]!);
        var metrics = await fixture.App.ApiClient(TestKeys.Admin).GetStringAsync("/metrics");
        Assert.Contains("profiles_identity_refused_links_total", metrics);
    }

    [Fact]
    public async Task AUserWhoseIdWasClaimedEarlyAsAnAnonymousIdGetsAProfileOfTheirOwn()
    {
        var bob = $"bob-{Guid.NewGuid():N}";
        var mallory = $"mallory-{Guid.NewGuid():N}";
        // Before Bob ever signs up, mallory claims his future user id as an anonymous id (nothing known yet: it merges).
        await SendAsync(Segment.Anonymous(bob, "page", new JsonObject { ["name"] = "Home" }),
            Segment.Anonymous(bob, "identify", new JsonObject { ["traits"] = new JsonObject { ["plan"] = "trial" } }, userId: mallory));
        Assert.Equal(mallory, (string)(await ProfileAsync(bob))["customerId"]!);

        // Bob signs up: his events as a user id are his, not mallory's.
        await SendAsync(Segment.Order(bob, "o-1", 80m), Segment.Identify(bob, new JsonObject { ["email"] = $"{bob}@example.com" }));

        var bobProfile = await ProfileAsync(bob);
        Assert.Equal(bob, (string)bobProfile["customerId"]!);
        Assert.Equal(1, (int)bobProfile["frequency"]!);
        Assert.Equal(80m, (decimal)bobProfile["monetary"]!);
        var malloryProfile = await ProfileAsync(mallory);
        Assert.Equal(0, (int)malloryProfile["frequency"]!);
        Assert.False(malloryProfile["traits"]!.AsObject().ContainsKey("email"));
        // What the anonymous visitor did stays with the customer it was merged into.
        Assert.Equal(1, (int)malloryProfile["engagement"]!["pageViews"]!);

        // An anonymous id is still a different identity from the user id of the same text: it goes where it was linked.
        await SendAsync(Segment.Anonymous(bob, "page", new JsonObject { ["name"] = "Pricing" }));
        Assert.Equal(2, (int)(await ProfileAsync(mallory))["engagement"]!["pageViews"]!);
        Assert.Equal(0, (int)(await ProfileAsync(bob))["engagement"]!["pageViews"]!);

        // And Bob's later events stay his (his profile was taken back once, for good).
        await SendAsync(Segment.Order(bob, "o-2", 20m));
        Assert.Equal(2, (int)(await ProfileAsync(bob))["frequency"]!);
    }

    [Fact]
    public async Task AnAnonymousVisitorStillMergesIntoTheCustomerWhoSignsIn()
    {
        var visitor = $"visitor-{Guid.NewGuid():N}";
        var grace = $"grace-{Guid.NewGuid():N}";
        await SendAsync(Segment.Anonymous(visitor, "track", new JsonObject
        {
            ["event"] = "Order Completed", ["properties"] = new JsonObject { ["order_id"] = "guest-1", ["revenue"] = 30 },
        }));

        await SendAsync(Segment.Anonymous(visitor, "identify", new JsonObject { ["traits"] = new JsonObject() }, userId: grace));

        var profile = await ProfileAsync(grace);
        Assert.Equal(1, (int)profile["frequency"]!);
        Assert.Contains(visitor, Strings(profile["identities"]));
        Assert.Empty(Strings(profile["refusedIdentities"]));
    }

    private async Task SendAsync(params JsonObject[] calls)
    {
        var response = await _writer.PostBatchAsync(calls);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> ProfileAsync(string id) =>
        (await _agent.GetFromJsonAsync<JsonObject>($"/api/customers/{Uri.EscapeDataString(id)}"))!;

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(n => (string)n!).ToList() ?? [];
}
